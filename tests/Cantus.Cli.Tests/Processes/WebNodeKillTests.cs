using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Music.Midi;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// Two web nodes behind nginx under a steady stream of compositions; one node is killed with
/// SIGKILL: only requests in flight on it fail, everything after is served by the other node, and
/// every composition stored (acknowledged or not) is whole.
/// </summary>
public sealed class WebNodeKillTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-webkill-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [ProxiedClusterFact]
    public async Task A_killed_web_node_fails_only_its_requests_in_flight_and_loses_nothing()
    {
        var data = TrainingJobClient.DataDirectory(_root);
        using var cluster = LocalCluster.Start(data, proxy: true, web: 2, workers: 1);
        await cluster.WaitReadyAsync(TimeSpan.FromSeconds(110));
        var proxy = cluster.Proxy!.Value.Url;
        using var client = new HttpClient { BaseAddress = new Uri(proxy), Timeout = TimeSpan.FromSeconds(30) };
        var melody = await File.ReadAllBytesAsync(Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "twinkle-twinkle.mid"));
        for (var i = 0; i < 4; i++) await ComposeAsync(client, melody); // warm both nodes

        // 20 compositions a second for 16 s, open loop; the first node dies at 6 s.
        const double rate = 20, seconds = 16, killAt = 6;
        var results = new List<(double Sent, double Done, HttpStatusCode Status, string? Id)>();
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>();
        var killed = false;
        for (var i = 0; i < rate * seconds; i++)
        {
            var at = i / rate;
            var wait = TimeSpan.FromSeconds(at) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            if (!killed && at >= killAt)
            {
                Signal("KILL", cluster.Web[0].Pid);
                killed = true;
            }
            tasks.Add(Task.Run(async () =>
            {
                var sent = clock.Elapsed.TotalSeconds;
                var (status, id) = await ComposeAsync(client, melody);
                lock (results) results.Add((sent, clock.Elapsed.TotalSeconds, status, id));
            }));
        }
        await Task.WhenAll(tasks);

        var failed = results.Where(r => r.Status != HttpStatusCode.Created).ToList();
        var late = failed.Where(r => r.Sent > killAt + 1).ToList();
        var summary = string.Join(", ", results.GroupBy(r => (int)r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        FaultFigures.Print("WebNodeKillTests", string.Create(CultureInfo.InvariantCulture, $"web node killed at {killAt} s under {rate}/s: {summary}; {(failed.Count == 0 ? "no request failed (none was in flight on the killed node)" : $"failed requests were sent at {string.Join(" ", failed.Select(f => f.Sent.ToString("F2", CultureInfo.InvariantCulture)))} s")}"));
        // Only what was in flight at the kill may fail: sent within the second before it, answered after it.
        Assert.True(late.Count == 0, $"{late.Count} requests sent more than a second after the kill failed: {summary}");
        Assert.All(failed, f => Assert.True(f.Sent <= killAt + 1 && f.Done >= killAt - 0.05, $"a request sent at {f.Sent:F2} s and answered at {f.Done:F2} s failed ({f.Status})"));
        Assert.True(failed.Count <= rate, $"{failed.Count} failures: more than the requests a second could hold in flight");

        // Nothing lost or half-written: every acknowledged one is there, and every stored one is whole.
        foreach (var (_, _, _, id) in results.Where(r => r.Id is not null))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/compositions/{id}")).StatusCode);
        var stored = await client.GetFromJsonAsync<JsonElement>("/api/compositions?limit=1000");
        foreach (var c in stored.EnumerateArray())
            Assert.True(MidiFile.Parse(await client.GetByteArrayAsync($"/api/compositions/{c.GetProperty("id").GetString()}/midi")).NoteCount > 0);
    }

    private static async Task<(HttpStatusCode, string?)> ComposeAsync(HttpClient client, byte[] melody)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(melody), "melody", "twinkle.mid" } };
        try
        {
            using var response = await client.PostAsync("/api/compositions", form);
            if (response.StatusCode != HttpStatusCode.Created) return (response.StatusCode, null);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        }
        catch (HttpRequestException)
        {
            return (0, null);
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
