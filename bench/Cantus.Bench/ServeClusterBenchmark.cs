namespace Cantus.Bench;

/// <summary>
/// The open-loop compose load of <see cref="ServeBenchmark"/> against each way of running Cantus,
/// one after the other on a fresh start, so that the figures compare: the embedded server (SQLite),
/// one web node on PostgreSQL (deploy/local-cluster), the same behind nginx, and two web nodes
/// behind nginx. Each gets the same rates; the table gives the highest rate with p99 within the
/// target and no errors for each.
/// </summary>
internal static class ServeClusterBenchmark
{
    /// <summary>A way of running Cantus: its name, and how many web nodes and whether the proxy is in front (null: the embedded server).</summary>
    public sealed record Configuration(string Name, string Description, int? WebNodes, bool Proxy);

    public sealed record Measured(Configuration Configuration, ServeBenchmark.Result Result, double Best);

    public static IReadOnlyList<Configuration> All { get; } =
    [
        new("embedded", "one node, embedded (SQLite, its own worker idle)", null, false),
        new("pg", "one web node on PostgreSQL", 1, false),
        new("pg-proxy", "one web node on PostgreSQL behind nginx", 1, true),
        new("pg2-proxy", "two web nodes on PostgreSQL behind nginx", 2, true),
    ];

    public static async Task<Measured> MeasureAsync(string repo, Configuration configuration, string melody, IReadOnlyList<double> rates, TimeSpan duration, string? model,
        Action<string> log, Action<ServeBenchmark.RateResult> report)
    {
        log($"{configuration.Name}: starting {configuration.Description}...");
        ServeBenchmark.Result result;
        if (configuration.WebNodes is not { } web)
        {
            using var server = await ServerProcess.StartAsync(BenchCommands.FindCantusScript(), new Dictionary<string, string>(), TimeSpan.FromMinutes(10)).ConfigureAwait(false);
            result = await ServeBenchmark.RunAsync(server.Url, melody, rates, duration, model, report).ConfigureAwait(false);
        }
        else
        {
            using var cluster = await LocalClusterProcess.StartAsync(repo, web, 0, configuration.Proxy, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            var url = new Uri(configuration.Proxy ? cluster.ProxyUrl! : cluster.WebUrls[0]);
            result = await ServeBenchmark.RunAsync(url, melody, rates, duration, model, report).ConfigureAwait(false);
        }
        return new Measured(configuration, result, ServeBenchmark.Best(result.Rates));
    }
}
