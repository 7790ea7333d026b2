using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Cantus.Music.Midi;
using Microsoft.Data.Sqlite;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// The embedded server (SQLite, files for blobs) killed with SIGKILL at seeded random moments while
/// melodies are uploaded, compositions made and a job trains, three times over: after each restart
/// every write that was acknowledged is there with its bytes, every blob file holds exactly what its
/// name (its SHA-256) says, and SQLite passes its integrity check.
/// </summary>
public sealed class EmbeddedKillTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-kill-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = 300_000)]
    public async Task Every_acknowledged_write_survives_SIGKILL_and_no_partial_blob_is_visible()
    {
        var data = TrainingJobClient.DataDirectory(_root);
        var samples = Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "samples", "melodies"), "*.mid").Select(File.ReadAllBytes).ToArray();
        var random = new Random(7);
        var melodies = new Dictionary<string, byte[]>();
        var compositions = new List<string>();
        string? job = null;
        for (var round = 0; round < 3; round++)
        {
            using (var server = CantusServer.Serve(data))
            {
                await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
                using var client = server.Client();
                await VerifyAsync(client, melodies, compositions);
                job ??= await TrainingJobClient.SubmitLongJobAsync(client, 20);
                using var stop = new CancellationTokenSource();
                var writers = new[]
                {
                    Task.Run(() => UploadMelodiesAsync(client, samples, melodies, stop.Token)),
                    Task.Run(() => ComposeAsync(client, samples, compositions, stop.Token)),
                };
                await Task.Delay(TimeSpan.FromMilliseconds(1500 + random.Next(2500)));
                server.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
            }
            using (var sqlite = new SqliteConnection($"Data Source={Path.Combine(data, "cantus.db")};Pooling=false"))
            {
                sqlite.Open();
                using var command = sqlite.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                Assert.Equal("ok", command.ExecuteScalar());
            }
            foreach (var file in Directory.EnumerateFiles(Path.Combine(data, "blobs"), "*", SearchOption.AllDirectories))
            {
                if (Path.GetFileName(Path.GetDirectoryName(file)) == "tmp") continue; // unfinished uploads: never referenced, swept later
                Assert.Equal(Path.GetFileName(file), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
            }
        }
        using var last = CantusServer.Serve(data);
        await last.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var final = last.Client();
        await VerifyAsync(final, melodies, compositions);
        Assert.True(melodies.Count >= 3 && compositions.Count >= 3, $"too few writes acknowledged to mean anything: {melodies.Count} melodies, {compositions.Count} compositions");
        var state = TrainingJobClient.State(await TrainingJobClient.GetAsync(final, job!));
        Assert.True(state is "queued" or "preparing" or "training", $"the job is {state} after the restarts");
        FaultFigures.Print("EmbeddedKillTests", $"3 kills: {melodies.Count} melodies and {compositions.Count} compositions acknowledged, all there after each restart; job {state}");
    }

    private static async Task VerifyAsync(HttpClient client, Dictionary<string, byte[]> melodies, List<string> compositions)
    {
        foreach (var (id, bytes) in melodies)
            Assert.Equal(bytes, await client.GetByteArrayAsync($"/api/melodies/{id}/midi"));
        foreach (var id in compositions)
        {
            var midi = await client.GetByteArrayAsync($"/api/compositions/{id}/midi");
            Assert.True(MidiFile.Parse(midi).NoteCount > 0, $"composition {id} has an empty MIDI file");
        }
    }

    private static async Task UploadMelodiesAsync(HttpClient client, byte[][] samples, Dictionary<string, byte[]> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var bytes = samples[i % samples.Length];
            using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "melody", $"m{i}.mid" } };
            try
            {
                using var response = await client.PostAsync("/api/melodies", form, CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.Created) continue;
                var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                lock (acknowledged) acknowledged[id] = bytes;
            }
            catch (HttpRequestException)
            {
                return; // the server is gone: what was acknowledged is recorded
            }
        }
    }

    private static async Task ComposeAsync(HttpClient client, byte[][] samples, List<string> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(samples[i % samples.Length]), "melody", $"c{i}.mid" } };
            try
            {
                using var response = await client.PostAsync("/api/compositions", form, CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.Created) continue;
                var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                lock (acknowledged) acknowledged.Add(id);
            }
            catch (HttpRequestException)
            {
                return;
            }
        }
    }
}
