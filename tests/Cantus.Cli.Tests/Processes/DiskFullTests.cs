using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// The embedded server's data directory on a small tmpfs that fills up while a job trains: an
/// upload is refused with a sentence saying the disk is full (503), the job's checkpoint write
/// fails and is retried, the database stays consistent, and once space is freed the upload works
/// and the job continues from where it was.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-diskfull-").FullName;
    private readonly string _mount;
    private bool _mounted;

    public DiskFullTests()
    {
        _mount = Path.Combine(_root, "data");
        Directory.CreateDirectory(_mount);
    }

    public void Dispose()
    {
        if (_mounted) Run("umount", "-l", _mount);
        Directory.Delete(_root, recursive: true);
    }

    [RootFact]
    public async Task A_full_disk_refuses_uploads_in_words_keeps_the_database_and_the_job_resumes_when_space_returns()
    {
        Assert.True(Run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", _mount) == 0, "mounting a 48 MB tmpfs failed");
        _mounted = true;
        var data = TrainingJobClient.DataDirectory(_mount);
        var melody = await File.ReadAllBytesAsync(Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "ode-to-joy.mid"));
        using (var server = CantusServer.Serve(data))
        {
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            using var client = server.Client();
            var id = await TrainingJobClient.SubmitLongJobAsync(client, 20);
            await TrainingJobClient.WaitForAsync(client, id, j => TrainingJobClient.Iteration(j) >= 25, TimeSpan.FromSeconds(90));

            var filler = Path.Combine(data, "filler");
            Fill(filler);
            var full = await UploadAsync(client, melody);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.Status);
            Assert.Contains("disk is full", full.Body, StringComparison.Ordinal);
            // The job meets the full disk at its next checkpoint and waits to retry.
            var stalled = TrainingJobClient.Iteration(await TrainingJobClient.GetAsync(client, id));
            await Task.Delay(TimeSpan.FromSeconds(8));

            File.Delete(filler);
            var clock = Stopwatch.StartNew();
            var resumed = await TrainingJobClient.WaitForAsync(client, id,
                j => TrainingJobClient.State(j) == "training" && TrainingJobClient.Iteration(j) >= Math.Max(stalled, 40) + 25, TimeSpan.FromSeconds(120));
            Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, melody)).Status);
            FaultFigures.Print("DiskFullTests", $"disk full at iteration {stalled}: upload refused in words; after freeing space the job went on to iteration {TrainingJobClient.Iteration(resumed)} within {clock.Elapsed.TotalSeconds:F0} s (attempts {resumed.GetProperty("attempts").GetInt32()})");
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/training-jobs/{id}/cancel", null)).StatusCode);
            await TrainingJobClient.WaitForAsync(client, id, j => TrainingJobClient.State(j) == "canceled", TimeSpan.FromSeconds(10));
        }
        using var sqlite = new SqliteConnection($"Data Source={Path.Combine(data, "cantus.db")};Pooling=false");
        sqlite.Open();
        using var check = sqlite.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    private static async Task<(HttpStatusCode Status, string Body)> UploadAsync(HttpClient client, byte[] melody)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(melody), "melody", "ode.mid" } };
        using var response = await client.PostAsync("/api/melodies", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Writes zeros until the file system says it is full.</summary>
    private static void Fill(string path)
    {
        var block = new byte[1 << 20];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0); // unbuffered: nothing left to flush (and fail) at the end
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // full
        }
        try
        {
            // Small writes until not even a page fits.
            while (true) stream.Write(block, 0, 4096);
        }
        catch (IOException)
        {
        }
    }

    private static int Run(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit(30_000);
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
