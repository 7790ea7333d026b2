using System.Diagnostics;
using System.Net;

namespace Cantus.Bench;

/// <summary>
/// Open-loop load of <c>POST /api/compositions</c> against a running server: at each rate,
/// requests are sent at fixed times (i / rate seconds from the start) whether or not earlier
/// ones have answered, and each latency is measured from its <em>scheduled</em> send time, so
/// queueing in the client or the server is never hidden (no coordinated omission). With
/// <see cref="CompareBatchingAsync"/>, the same rates against a server without dynamic batching of
/// compose requests and one with it.
/// </summary>
internal static class ServeBenchmark
{
    public const double TargetP99Ms = 100;
    public const double TargetRate = 50;

    /// <summary>
    /// One rate's figures. Throughput: requests answered successfully per second of the rate's wall
    /// time (from the first scheduled send to the last answer), so a server that falls behind shows
    /// a throughput below the offered rate.
    /// </summary>
    /// <remarks>
    /// ServerCpuMsPerRequest: the server process's CPU time (user + system) over the rate divided by
    /// the requests answered, when the benchmark started the server (<c>--compare-batching</c>);
    /// unlike latency, it is hardly changed by other work on the machine.
    /// </remarks>
    public sealed record RateResult(double Rate, int Requests, int Errors, double P50Ms, double P99Ms, double MaxMs, string? FirstError,
        int Completed = 0, double WallSeconds = 0, double ThroughputPerSecond = 0, double? ServerCpuMsPerRequest = null);

    public sealed record Result(string Url, string Melody, double SecondsPerRate, IReadOnlyList<RateResult> Rates, double TargetP99Ms, double TargetRate);

    /// <summary>
    /// One rate against the server without batching and the one with it: every run (off and on one
    /// after the other, in alternating order), and for each the run with the median p99 (the higher
    /// of the two middle ones for an even count), which the table shows.
    /// </summary>
    public sealed record ComparedRate(double Rate, RateResult Off, RateResult On, IReadOnlyList<RateResult> OffRuns, IReadOnlyList<RateResult> OnRuns);

    /// <summary>
    /// <c>--compare-batching</c>: the same rates against two servers started for the run, one with
    /// <c>Cantus__ComposeBatchWaitMs=0</c> (no batching) and one with batching, and for each the
    /// highest rate whose p99 is within the target with no errors.
    /// </summary>
    public sealed record Comparison(string Melody, double SecondsPerRate, string OnWaitMs, string DataRoot, IReadOnlyList<ComparedRate> Rates, double BestOff, double BestOn, double TargetP99Ms);

    public static async Task<Result> RunAsync(Uri url, string melodyPath, IReadOnlyList<double> rates, TimeSpan duration, string? model, Action<RateResult> report,
        Action? beforeRate = null)
    {
        var melody = await File.ReadAllBytesAsync(melodyPath).ConfigureAwait(false);
        using var handler = NewHandler();
        using var client = NewClient(handler, url);
        await WarmUpAsync(client, url, melody, model).ConfigureAwait(false);
        // Then a sustained rate, not counted: the runtime recompiles hot code at a higher tier during the first seconds of load.
        await RunRateAsync(client, melody, model, Math.Min(50, rates.Min()), TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        var results = new List<RateResult>();
        foreach (var rate in rates)
        {
            beforeRate?.Invoke();
            var result = await RunRateAsync(client, melody, model, rate, duration).ConfigureAwait(false);
            report(result);
            results.Add(result);
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false); // let the server drain between rates
        }
        return new Result(url.ToString(), Path.GetFileName(melodyPath), duration.TotalSeconds, results, TargetP99Ms, TargetRate);
    }

    /// <summary>
    /// Starts two servers with <paramref name="executable"/> (batching off: wait 0; on: the server's
    /// default wait, or <paramref name="onWaitMs"/>), one after the other so that a build by the
    /// <c>cantus</c> script happens once, warms both up, then at each rate measures the two one after
    /// the other (the other one idle), <paramref name="repeat"/> times in alternating order (so that a
    /// burst of other work on the machine does not always hit the same one), and stops both.
    /// </summary>
    public static async Task<Comparison> CompareBatchingAsync(string executable, string melodyPath, IReadOnlyList<double> rates, TimeSpan duration, string? model,
        string? onWaitMs, int repeat, string? dataRoot, Action<string> log, Action<ComparedRate> report)
    {
        var melody = await File.ReadAllBytesAsync(melodyPath).ConfigureAwait(false);
        var startup = TimeSpan.FromMinutes(10); // the cantus script may build first
        log("starting the server without batching (Cantus__ComposeBatchWaitMs=0)...");
        using var off = await ServerProcess.StartAsync(executable, new Dictionary<string, string> { ["Cantus__ComposeBatchWaitMs"] = "0" }, startup, dataRoot).ConfigureAwait(false);
        log($"starting the server with batching ({(onWaitMs is null ? "the default wait" : $"Cantus__ComposeBatchWaitMs={onWaitMs}")})...");
        using var on = await ServerProcess.StartAsync(executable, onWaitMs is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Cantus__ComposeBatchWaitMs"] = onWaitMs }, startup,
            dataRoot).ConfigureAwait(false);
        using var offHandler = NewHandler();
        using var offClient = NewClient(offHandler, off.Url);
        using var onHandler = NewHandler();
        using var onClient = NewClient(onHandler, on.Url);
        foreach (var (server, client) in new[] { (off, offClient), (on, onClient) })
        {
            await WarmUpAsync(client, server.Url, melody, model).ConfigureAwait(false);
            // Some seconds of load, not measured: the runtime compiles the hot code again, optimised
            // (tiered compilation), in the first seconds under load, which the first rate would pay.
            await RunRateAsync(client, melody, model, Math.Min(50, rates.Min()), TimeSpan.FromSeconds(6)).ConfigureAwait(false);
        }
        await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        var results = new List<ComparedRate>();
        foreach (var rate in rates)
        {
            var offRuns = new List<RateResult>();
            var onRuns = new List<RateResult>();
            for (var run = 0; run < repeat; run++)
            {
                foreach (var batching in run % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    (batching ? onRuns : offRuns).Add(await MeasuredAsync(batching ? on : off, batching ? onClient : offClient, rate).ConfigureAwait(false));
                    await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false); // let the server drain
                }
            }
            var compared = new ComparedRate(rate, Median(offRuns), Median(onRuns), offRuns, onRuns);
            report(compared);
            results.Add(compared);
        }
        return new Comparison(Path.GetFileName(melodyPath), duration.TotalSeconds, onWaitMs ?? "default", dataRoot ?? Path.GetTempPath(), results,
            Best(results.Select(r => r.Off)), Best(results.Select(r => r.On)), TargetP99Ms);

        async Task<RateResult> MeasuredAsync(ServerProcess server, HttpClient client, double rate)
        {
            var cpu = server.CpuTime();
            var result = await RunRateAsync(client, melody, model, rate, duration).ConfigureAwait(false);
            var used = (server.CpuTime() - cpu).TotalMilliseconds;
            return result with { ServerCpuMsPerRequest = result.Completed > 0 ? used / result.Completed : null };
        }
    }

    /// <summary>The run with the median p99 (the higher middle one for an even count).</summary>
    private static RateResult Median(List<RateResult> runs) => runs.OrderBy(r => r.P99Ms).ElementAt(runs.Count / 2);

    /// <summary>The highest rate with p99 within the target and no errors (0: none).</summary>
    public static double Best(IEnumerable<RateResult> rates) =>
        rates.Where(r => r.Errors == 0 && r.P99Ms <= TargetP99Ms).Select(r => r.Rate).DefaultIfEmpty(0).Max();

    private static SocketsHttpHandler NewHandler() => new() { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    private static HttpClient NewClient(SocketsHttpHandler handler, Uri url) => new(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task WarmUpAsync(HttpClient client, Uri url, byte[] melody, string? model)
    {
        try
        {
            (await client.GetAsync("/api/health").ConfigureAwait(false)).EnsureSuccessStatusCode();
        }
        catch (HttpRequestException ex)
        {
            throw new HttpRequestException($"No Cantus server answers at {url} ({ex.Message}); start one with ./cantus serve, or pass --url.", ex);
        }
        // Warm-up: model load and JIT are not what this measures. Ten one at a time, then ten waves of ten
        // at once, so that the code of concurrent requests (batches of several) is compiled too.
        for (var i = 0; i < 10; i++) await SendAsync(client, melody, model).ConfigureAwait(false);
        for (var wave = 0; wave < 10; wave++) await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendAsync(client, melody, model))).ConfigureAwait(false);
    }

    private static async Task<RateResult> RunRateAsync(HttpClient client, byte[] melody, string? model, double rate, TimeSpan duration)
    {
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var scheduled = TimeSpan.FromSeconds(i / rate);
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait).ConfigureAwait(false);
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                string? error;
                try
                {
                    error = await SendAsync(client, melody, model).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // every failure of a request is counted and the first one printed
                catch (Exception ex)
                {
                    error = ex.GetType().Name + ": " + ex.Message;
                }
#pragma warning restore CA1031
                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }));
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var wall = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        return new RateResult(rate, count, errors, Percentile(0.50), Percentile(0.99), latencies.Length == 0 ? 0 : latencies[^1], firstError,
            count - errors, wall, wall > 0 ? (count - errors) / wall : 0);
    }

    private static async Task<string?> SendAsync(HttpClient client, byte[] melody, string? model)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(melody), "melody", "melody.mid" } };
        if (model is not null) form.Add(new StringContent(model), "model");
        using var response = await client.PostAsync("/api/compositions", form).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created) return null;
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return $"{(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}";
    }
}
