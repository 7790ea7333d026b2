using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// Backups restore: `cantus admin backup` taken while the embedded server writes, and pg_dump of
/// a cluster's PostgreSQL, each restored into a fresh place where a new server serves every
/// melody and composition with the same bytes, and the training job with its history.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-backup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = 240_000)]
    public async Task An_online_SQLite_backup_with_the_blobs_restores_everything_acknowledged_before_it()
    {
        var data = TrainingJobClient.DataDirectory(Path.Combine(_root, "live"));
        var backup = Path.Combine(_root, "backup.db");
        Dictionary<string, byte[]> files;
        using (var server = CantusServer.Serve(data))
        {
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            using var client = server.Client();
            files = await WriteAsync(client);
            var job = await TrainingJobClient.SubmitLongJobAsync(client, 20);
            await TrainingJobClient.WaitForAsync(client, job, j => TrainingJobClient.Iteration(j) >= 25, TimeSpan.FromSeconds(90));
            // Taken while the job trains and writes.
            var result = CliRunner.Run("admin", "backup", "--db", Path.Combine(data, "cantus.db"), "--to", backup);
            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            files[$"job:{job}"] = [];
        }
        var restored = Path.Combine(_root, "restored");
        Directory.CreateDirectory(restored);
        File.Copy(backup, Path.Combine(restored, "cantus.db"));
        CopyDirectory(Path.Combine(data, "blobs"), Path.Combine(restored, "blobs"));
        using var again = CantusServer.Serve(restored, worker: false);
        await again.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var check = again.Client();
        await VerifyAsync(check, files);
    }

    [PostgresInstalledFact]
    public async Task A_pg_dump_of_the_cluster_restores_into_an_empty_database_and_serves_everything()
    {
        using var postgres = new TemporaryPostgres();
        var data = TrainingJobClient.DataDirectory(Path.Combine(_root, "pg"));
        Dictionary<string, byte[]> files;
        var dump = Path.Combine(_root, "cantus.dump");
        using (var server = CantusServer.Serve(data, postgres.ConnectionString))
        {
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            using var client = server.Client();
            files = await WriteAsync(client);
            var job = await TrainingJobClient.SubmitLongJobAsync(client, 20);
            await TrainingJobClient.WaitForAsync(client, job, j => TrainingJobClient.Iteration(j) >= 25, TimeSpan.FromSeconds(90));
            Run(Path.Combine(TemporaryPostgres.Binaries!, "pg_dump"), "-Fc", "-f", dump, "--dbname", Uri(postgres.ConnectionString, "postgres"));
            files[$"job:{job}"] = [];
        }
        await using (var admin = new NpgsqlConnection(postgres.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE restored", admin);
            await create.ExecuteNonQueryAsync();
        }
        Run(Path.Combine(TemporaryPostgres.Binaries!, "pg_restore"), "--no-owner", "--dbname", Uri(postgres.ConnectionString, "restored"), dump);
        var restored = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "restored" }.ConnectionString;
        // A node on a fresh machine: an empty data directory, only the connection string.
        using var again = CantusServer.Serve(Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName, restored, worker: false);
        await again.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var check = again.Client();
        await VerifyAsync(check, files);
    }

    /// <summary>Two melodies and a composition of each; returns what to find again (API path → bytes).</summary>
    private static async Task<Dictionary<string, byte[]>> WriteAsync(HttpClient client)
    {
        var expected = new Dictionary<string, byte[]>();
        foreach (var name in new[] { "ode-to-joy.mid", "twinkle-twinkle.mid" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(CliRunner.RepoRoot, "samples", "melodies", name));
            using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "melody", name } };
            using var melody = await client.PostAsync("/api/melodies", form);
            Assert.Equal(HttpStatusCode.Created, melody.StatusCode);
            var id = (await melody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            expected[$"/api/melodies/{id}/midi"] = bytes;
            using var compose = new MultipartFormDataContent { { new StringContent(id), "melodyId" } };
            using var composed = await client.PostAsync("/api/compositions", compose);
            Assert.Equal(HttpStatusCode.Created, composed.StatusCode);
            var composition = (await composed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            expected[$"/api/compositions/{composition}/midi"] = await client.GetByteArrayAsync($"/api/compositions/{composition}/midi");
        }
        return expected;
    }

    private static async Task VerifyAsync(HttpClient client, Dictionary<string, byte[]> expected, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var files = 0;
        var totalBytes = 0L;
        foreach (var (path, bytes) in expected)
        {
            if (path.StartsWith("job:", StringComparison.Ordinal))
            {
                var job = await TrainingJobClient.GetAsync(client, path[4..]);
                Assert.True(TrainingJobClient.Iteration(job) >= 20, $"the restored job is at iteration {TrainingJobClient.Iteration(job)}");
                var losses = await client.GetFromJsonAsync<JsonElement>($"/api/training-jobs/{path[4..]}/losses");
                Assert.True(losses.GetArrayLength() >= 20, "the restored job lost its losses");
                continue;
            }
            Assert.Equal(bytes, await client.GetByteArrayAsync(path));
            files++;
            totalBytes += bytes.Length;
        }
        FaultFigures.Print("BackupRestoreTests", $"{test}: {files} stored files ({totalBytes} bytes) and the training job restored byte for byte");
    }

    private static string Uri(string connection, string database)
    {
        var b = new NpgsqlConnectionStringBuilder(connection);
        return $"postgresql://{b.Username}@{b.Host}:{b.Port}/{database}";
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }

    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit(120_000);
        Assert.True(p.ExitCode == 0, $"{Path.GetFileName(file)} exited {p.ExitCode}: {stderr.Result}");
    }
}
