using System.Diagnostics;
using System.Net;

namespace Cantus.Bench;

/// <summary>
/// Open-loop load of <c>POST /api/compositions</c> against a running server: at each rate,
/// requests are sent at fixed times (i / rate seconds from the start) whether or not earlier
/// ones have answered, and each latency is measured from its <em>scheduled</em> send time, so
/// queueing in the client or the server is never hidden (no coordinated omission).
/// </summary>
internal static class ServeBenchmark
{
    public const double TargetP99Ms = 100;
    public const double TargetRate = 50;

    public sealed record RateResult(double Rate, int Requests, int Errors, double P50Ms, double P99Ms, double MaxMs, string? FirstError);

    public sealed record Result(string Url, string Melody, double SecondsPerRate, IReadOnlyList<RateResult> Rates, double TargetP99Ms, double TargetRate);

    public static async Task<Result> RunAsync(Uri url, string melodyPath, IReadOnlyList<double> rates, TimeSpan duration, string? model, Action<RateResult> report)
    {
        var melody = await File.ReadAllBytesAsync(melodyPath).ConfigureAwait(false);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            (await client.GetAsync("/api/health").ConfigureAwait(false)).EnsureSuccessStatusCode();
        }
        catch (HttpRequestException ex)
        {
            throw new HttpRequestException($"No Cantus server answers at {url} ({ex.Message}); start one with ./cantus serve, or pass --url.", ex);
        }
        // Warm-up: model load and JIT are not what this measures.
        for (var i = 0; i < 10; i++) await SendAsync(client, melody, model).ConfigureAwait(false);
        var results = new List<RateResult>();
        foreach (var rate in rates)
        {
            var result = await RunRateAsync(client, melody, model, rate, duration).ConfigureAwait(false);
            report(result);
            results.Add(result);
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false); // let the server drain between rates
        }
        return new Result(url.ToString(), Path.GetFileName(melodyPath), duration.TotalSeconds, results, TargetP99Ms, TargetRate);
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
        Array.Sort(latencies);
        double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        return new RateResult(rate, count, errors, Percentile(0.50), Percentile(0.99), latencies.Length == 0 ? 0 : latencies[^1], firstError);
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
