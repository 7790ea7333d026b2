using System.Diagnostics;
using System.Globalization;

namespace Cantus.Bench;

/// <summary>
/// <c>deploy/local-cluster</c> run by a benchmark: started with its options, ready when every
/// process it starts has printed its line (<c>web PID URL</c>, <c>worker PID</c>, <c>proxy PID URL</c>),
/// stopped with SIGINT as a person would (SIGKILL of the tree if it does not stop within a minute).
/// </summary>
internal sealed class LocalClusterProcess : IDisposable
{
    private const string DatabaseLine = "local-cluster: database: ";
    private readonly Process _process;
    private readonly string _data;
    private readonly List<string> _web = [];
    private readonly List<int> _webPids = [];
    private readonly List<string> _errors = [];

    private LocalClusterProcess(Process process, string data)
    {
        _process = process;
        _data = data;
    }

    /// <summary>The web nodes' addresses, in the order they answered.</summary>
    public IReadOnlyList<string> WebUrls => _web;

    /// <summary>The web nodes' process ids (for their CPU time).</summary>
    public IReadOnlyList<int> WebPids => _webPids;

    /// <summary>nginx's address (with <c>--proxy</c>).</summary>
    public string? ProxyUrl { get; private set; }

    /// <summary>PostgreSQL's postmaster.</summary>
    public int? PostgresPid { get; private set; }

    /// <summary>nginx's master process (with <c>--proxy</c>).</summary>
    public int? ProxyPid { get; private set; }

    /// <summary>The cluster's PostgreSQL connection string.</summary>
    public string? Database { get; private set; }

    /// <summary>Starts <c>deploy/local-cluster --web <paramref name="web"/> --workers <paramref name="workers"/></c> (with <c>--proxy</c> when asked) on a fresh data directory and waits until it is ready.</summary>
    /// <exception cref="InvalidOperationException">The cluster stopped or did not get ready within <paramref name="timeout"/>; the message carries the end of its standard error.</exception>
    public static async Task<LocalClusterProcess> StartAsync(string repo, int web, int workers, bool proxy, TimeSpan timeout)
    {
        var data = Directory.CreateTempSubdirectory("cantus-bench-cluster-").FullName;
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repo };
        var ic = CultureInfo.InvariantCulture;
        foreach (var a in new[] { Path.Combine(repo, "deploy", "local-cluster"), "--web", web.ToString(ic), "--workers", workers.ToString(ic), "--data", data })
            psi.ArgumentList.Add(a);
        if (proxy) psi.ArgumentList.Add("--proxy");
        var cluster = new LocalClusterProcess(Process.Start(psi)!, data);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seenWeb = 0;
        var seenWorkers = 0;
        cluster._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            var parts = e.Data.Split(' ');
            lock (cluster._web)
            {
                switch (parts[0])
                {
                    case "web" when parts.Length >= 3:
                        cluster._web.Add(parts[2]);
                        cluster._webPids.Add(int.Parse(parts[1], ic));
                        seenWeb++;
                        break;
                    case "worker":
                        seenWorkers++;
                        break;
                    case "proxy" when parts.Length >= 3:
                        cluster.ProxyUrl = parts[2];
                        cluster.ProxyPid = int.Parse(parts[1], ic);
                        break;
                    case "postgres" when parts.Length >= 2:
                        cluster.PostgresPid = int.Parse(parts[1], ic);
                        break;
                }
                if (seenWeb == web && seenWorkers == workers && (!proxy || cluster.ProxyUrl is not null) && cluster.Database is not null) ready.TrySetResult();
            }
        };
        cluster._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (cluster._web)
            {
                cluster._errors.Add(e.Data);
                if (e.Data.StartsWith(DatabaseLine, StringComparison.Ordinal)) cluster.Database = e.Data[DatabaseLine.Length..];
            }
        };
        cluster._process.BeginOutputReadLine();
        cluster._process.BeginErrorReadLine();
        try
        {
            var exited = cluster._process.WaitForExitAsync();
            if (await Task.WhenAny(ready.Task, exited, Task.Delay(timeout)).ConfigureAwait(false) != ready.Task)
                throw new InvalidOperationException($"local-cluster did not get ready within {timeout.TotalSeconds:F0} s: {cluster.LastErrors()}");
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>CPU time (user + system) of the web nodes so far.</summary>
    public TimeSpan WebCpuTime() => _webPids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcessTreeCpu.Of(pid));

    /// <summary>CPU time of PostgreSQL (the postmaster and every backend) so far.</summary>
    public TimeSpan PostgresCpuTime() => PostgresPid is { } pid ? ProcessTreeCpu.Of(pid) : TimeSpan.Zero;

    /// <summary>CPU time of nginx (master and workers) so far.</summary>
    public TimeSpan ProxyCpuTime() => ProxyPid is { } pid ? ProcessTreeCpu.Of(pid) : TimeSpan.Zero;

    private string LastErrors()
    {
        lock (_web) return string.Join(" | ", _errors.TakeLast(8));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(60_000)) _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
            if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        }
    }
}
