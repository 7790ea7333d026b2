namespace Cantus.Bench;

/// <summary>
/// The open-loop compose load of <see cref="ServeBenchmark"/> against each way of running Cantus,
/// one after the other on a fresh start, so that the figures compare: the embedded server (SQLite),
/// one web node on PostgreSQL (deploy/local-cluster), the same behind nginx, and two web nodes
/// behind nginx. Each gets the same rates; for each, the highest rate with p99 within the target
/// and no errors, and the CPU each part (web nodes, PostgreSQL, nginx) spent per composition, from
/// which a cluster of more machines is sized.
/// </summary>
internal static class ServeClusterBenchmark
{
    /// <summary>A way of running Cantus: its name, and how many web nodes and whether the proxy is in front (null: the embedded server).</summary>
    public sealed record Configuration(string Name, string Description, int? WebNodes, bool Proxy);

    /// <summary>CPU milliseconds per answered composition over one rate: the web nodes (the embedded server), PostgreSQL, nginx.</summary>
    public sealed record CpuPerRequest(double WebMs, double PostgresMs, double ProxyMs);

    public sealed record Measured(Configuration Configuration, ServeBenchmark.Result Result, IReadOnlyList<CpuPerRequest> Cpu, double Best);

    public static IReadOnlyList<Configuration> All { get; } =
    [
        new("embedded", "one node, embedded (SQLite, its own worker idle)", null, false),
        new("pg", "one web node on PostgreSQL", 1, false),
        new("pg-proxy", "one web node on PostgreSQL behind nginx", 1, true),
        new("pg2-proxy", "two web nodes on PostgreSQL behind nginx", 2, true),
    ];

    public static async Task<Measured> MeasureAsync(string repo, Configuration configuration, string melody, IReadOnlyList<double> rates, TimeSpan duration, string? model,
        Action<string> log, Action<ServeBenchmark.RateResult, CpuPerRequest> report)
    {
        log($"{configuration.Name}: starting {configuration.Description}...");
        var cpu = new List<CpuPerRequest>();
        (TimeSpan Web, TimeSpan Postgres, TimeSpan Proxy) before = default;
        if (configuration.WebNodes is not { } web)
        {
            using var server = await ServerProcess.StartAsync(BenchCommands.FindCantusScript(), new Dictionary<string, string>(), TimeSpan.FromMinutes(10)).ConfigureAwait(false);
            var result = await RunAsync(server.Url, () => (ProcessTreeCpu.Of(server.Pid), TimeSpan.Zero, TimeSpan.Zero)).ConfigureAwait(false);
            return new Measured(configuration, result, cpu, ServeBenchmark.Best(result.Rates));
        }
        else
        {
            using var cluster = await LocalClusterProcess.StartAsync(repo, web, 0, configuration.Proxy, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            var url = new Uri(configuration.Proxy ? cluster.ProxyUrl! : cluster.WebUrls[0]);
            var result = await RunAsync(url, () => (cluster.WebCpuTime(), cluster.PostgresCpuTime(), cluster.ProxyCpuTime())).ConfigureAwait(false);
            return new Measured(configuration, result, cpu, ServeBenchmark.Best(result.Rates));
        }

        Task<ServeBenchmark.Result> RunAsync(Uri url, Func<(TimeSpan Web, TimeSpan Postgres, TimeSpan Proxy)> sample) =>
            ServeBenchmark.RunAsync(url, melody, rates, duration, model, r =>
            {
                var after = sample();
                var n = Math.Max(1, r.Completed);
                var used = new CpuPerRequest((after.Web - before.Web).TotalMilliseconds / n, (after.Postgres - before.Postgres).TotalMilliseconds / n,
                    (after.Proxy - before.Proxy).TotalMilliseconds / n);
                cpu.Add(used);
                report(r, used);
            }, () => before = sample());
    }
}
