using System.Text.Json;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Metrics;

/// <summary>
/// The metrics of a set of samples (docs/metrics.md): per metric and track, the mean over the samples
/// where the value is defined (null when it is defined for none). Tracks = the largest track
/// count of any sample; a sample without track k counts as undefined there.
/// </summary>
public sealed class SetMetrics
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private SetMetrics(IReadOnlyList<SampleMetrics> perSample)
    {
        PerSample = perSample;
        Tracks = perSample.Count == 0 ? 0 : perSample.Max(s => s.Tracks);
    }

    /// <summary>Number of samples.</summary>
    public int Samples => PerSample.Count;

    /// <summary>Largest number of tracks of any sample.</summary>
    public int Tracks { get; }

    /// <summary>The metrics of each sample, in input order (the similarity index needs them).</summary>
    public IReadOnlyList<SampleMetrics> PerSample { get; }

    /// <summary>Computes the metrics of every sample of <paramref name="samples"/>.</summary>
    /// <exception cref="ArgumentNullException">samples or one of its items is null.</exception>
    public static SetMetrics Compute(IEnumerable<Multitrack> samples, MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return FromSamples(samples.Select(s => SampleMetrics.Compute(s, options)));
    }

    /// <summary>Groups already computed per-sample metrics into a set.</summary>
    /// <exception cref="ArgumentNullException">samples or one of its items is null.</exception>
    public static SetMetrics FromSamples(IEnumerable<SampleMetrics> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var list = samples.ToList();
        if (list.Contains(null!)) throw new ArgumentNullException(nameof(samples), "A sample's metrics are null.");
        return new SetMetrics(list);
    }

    /// <summary>Mean of <paramref name="metric"/> for <paramref name="track"/> over the samples where it is defined; null if none.</summary>
    /// <exception cref="ArgumentException">Unknown metric name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">track is negative.</exception>
    public double? Mean(string metric, int track) => MeanOf(PerSample.Select(s => s.Get(metric, track)));

    /// <summary><see cref="Mean"/> for every track 0..Tracks−1.</summary>
    /// <exception cref="ArgumentException">Unknown metric name.</exception>
    public IReadOnlyList<double?> Means(string metric)
    {
        _ = MetricNames.KindOf(metric);
        return [.. Enumerable.Range(0, Tracks).Select(k => Mean(metric, k))];
    }

    /// <summary>Mean tonal distance of tracks a and b over the samples where it is defined; null if none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A track index is negative.</exception>
    public double? MeanTonalDistance(int a, int b) => MeanOf(PerSample.Select(s => s.TonalDistanceBetween(a, b)));

    /// <summary>The serialisable report: samples, tracks, the per-track means of every metric and the tonal-distance matrix.</summary>
    public MetricsReport ToReport()
    {
        var metrics = new Dictionary<string, IReadOnlyList<double?>>(StringComparer.Ordinal);
        foreach (var name in MetricNames.All) metrics[name] = Means(name);
        var pairs = new IReadOnlyList<double?>[Tracks];
        for (var a = 0; a < Tracks; a++) pairs[a] = [.. Enumerable.Range(0, Tracks).Select(b => MeanTonalDistance(a, b))];
        return new MetricsReport(Samples, Tracks, metrics, pairs);
    }

    /// <summary>
    /// <see cref="ToReport"/> as JSON (System.Text.Json):
    /// <c>{"samples": N, "tracks": K, "metrics": {"empty_bar_rate": [v per track], ...}, "tonal_distance_pairs": [[K×K]]}</c>,
    /// null where undefined.
    /// </summary>
    public string ToJson(bool indented = false) => JsonSerializer.Serialize(ToReport(), indented ? Indented : Compact);

    private static double? MeanOf(IEnumerable<double?> values)
    {
        var sum = 0.0;
        var n = 0;
        foreach (var v in values)
        {
            if (v is not { } x) continue;
            sum += x;
            n++;
        }
        return n == 0 ? null : sum / n;
    }
}
