using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// <c>deploy/local-cluster</c> as a person, a benchmark or a test uses it: PostgreSQL, two web nodes
/// and two workers (and nginx in front when it is installed) come up and print their lines; a small
/// training job submitted through one web node completes and is seen through the other (and its
/// events stream through the proxy); Ctrl-C (SIGINT) stops every process the script printed and
/// the script exits 0.
/// </summary>
public sealed class LocalClusterTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-local-cluster-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [LocalClusterFact]
    public async Task TwoWebNodesTwoWorkers_AJobSubmittedOnOneNodeCompletesSeenOnTheOther_SigintStopsEverything()
    {
        // Every wait before the stop takes what is left of 145 s; the stop has 30 s: the test ends within 3 minutes.
        var clock = Stopwatch.StartNew();
        TimeSpan Left(int seconds) => TimeSpan.FromSeconds(Math.Max(1, Math.Min(seconds, 145 - clock.Elapsed.TotalSeconds)));
        var data = TrainingJobClient.DataDirectory(_root);
        var proxy = LocalCluster.NginxInstalled;
        using var cluster = LocalCluster.Start(data, proxy);
        await cluster.WaitReadyAsync(Left(100));
        var up = clock.Elapsed;
        output.WriteLine(string.Join('\n', cluster.Lines));
        foreach (var line in cluster.Lines)
            Assert.True(LocalCluster.LineFormat().IsMatch(line), $"a line that is not 'postgres PID', 'web PID URL', 'worker PID' or 'proxy PID URL': '{line}'");
        Assert.Equal(proxy ? 6 : 5, cluster.Lines.Count);
        Assert.Equal(cluster.Pids.Count, cluster.Pids.Distinct().Count());
        Assert.All(cluster.Pids, pid => Assert.False(LocalCluster.IsGone(pid), $"PID {pid} is not running"));
        var web = cluster.Web;
        Assert.NotEqual(web[0].Url, web[1].Url);

        using var first = new HttpClient { BaseAddress = new Uri(web[0].Url), Timeout = TimeSpan.FromSeconds(30) };
        using var second = new HttpClient { BaseAddress = new Uri(web[1].Url), Timeout = TimeSpan.FromSeconds(30) };
        var response = await first.PostAsJsonAsync("/api/training-jobs", new
        {
            dataset = "jsb-chorales", name = "local-cluster", iterations = 20, batchSize = 8, criticSteps = 1, filters = 2,
            lowestPitch = 36, pitches = 64, latentChannels = 4, checkpointEvery = 10, metricsEvery = 10, evaluationSamples = 4, previewSamples = 2,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        // Through nginx: the job's server-sent events come through while it runs (proxy_buffering off).
        var firstEvent = TimeSpan.Zero;
        if (cluster.Proxy is { } nginx)
        {
            using var client = new HttpClient { BaseAddress = new Uri(nginx.Url), Timeout = Timeout.InfiniteTimeSpan };
            using var timeout = new CancellationTokenSource(Left(30));
            var sse = Stopwatch.StartNew();
            using var events = await client.GetAsync($"/api/training-jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, events.StatusCode);
            Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(timeout.Token));
            string? line;
            do line = await reader.ReadLineAsync(timeout.Token);
            while (line is not null && !line.StartsWith("event: ", StringComparison.Ordinal));
            Assert.Equal("event: job", line);
            var payload = await reader.ReadLineAsync(timeout.Token);
            Assert.StartsWith("data: ", payload);
            Assert.Equal(id, JsonDocument.Parse(payload!["data: ".Length..]).RootElement.GetProperty("id").GetString());
            firstEvent = sse.Elapsed;
        }

        var done = await TrainingJobClient.WaitForAsync(second, id, j => TrainingJobClient.State(j) is "completed" or "failed" or "canceled", Left(90));
        Assert.True(TrainingJobClient.State(done) == "completed", $"the job ended {done}");
        Assert.Equal(20, TrainingJobClient.Iteration(done));
        var trained = clock.Elapsed;

        var pids = cluster.Pids;
        var stop = Stopwatch.StartNew();
        cluster.Interrupt();
        Assert.True(cluster.WaitForExit(TimeSpan.FromSeconds(30)), $"local-cluster did not exit within 30 s of SIGINT:\n{cluster.Describe()}");
        while (pids.Any(p => !LocalCluster.IsGone(p)) && stop.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        var left = pids.Where(p => !LocalCluster.IsGone(p)).ToList();
        Assert.True(left.Count == 0, $"still running 30 s after SIGINT: {string.Join(", ", left)}\n{cluster.Describe()}");
        Assert.True(cluster.ExitCode == 0, $"local-cluster exited with {cluster.ExitCode}:\n{cluster.Describe()}");
        output.WriteLine($"up after {up.TotalSeconds:F1} s; job completed after {trained.TotalSeconds:F1} s" +
                         (proxy ? $"; first event through nginx after {firstEvent.TotalSeconds:F2} s" : "; nginx not installed: no proxy") +
                         $"; everything stopped {stop.Elapsed.TotalSeconds:F1} s after SIGINT");
    }
}

/// <summary>
/// A test of <c>deploy/local-cluster</c>: skipped, with the reason, when PostgreSQL's server binaries
/// are not installed (the script starts its own server; .ci/run installs postgresql).
/// </summary>
public sealed class LocalClusterFactAttribute : FactAttribute
{
    public LocalClusterFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "deploy/local-cluster is a bash script for Linux";
        else if (!LocalCluster.PostgresInstalled) Skip = "needs PostgreSQL's server binaries (initdb): apt-get install postgresql (.ci/run installs it)";
    }
}
