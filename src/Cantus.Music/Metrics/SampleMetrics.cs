using Cantus.Music.PianoRolls;

namespace Cantus.Music.Metrics;

/// <summary>
/// All metrics (docs/metrics.md) for one sample (one <see cref="Multitrack"/>): for each name in
/// <see cref="MetricNames.All"/> one value per track, <see langword="null"/> where undefined.
/// Track 0 is the melody: <see cref="MetricNames.TonalDistance"/>,
/// <see cref="MetricNames.ConsonanceRate"/> and <see cref="MetricNames.ParallelFifthsOctavesRate"/>
/// compare track k &gt; 0 with it and are null for track 0.
/// </summary>
public sealed class SampleMetrics
{
    private readonly Dictionary<string, IReadOnlyList<double?>> _values;
    private readonly double?[,] _tonalDistances;

    private SampleMetrics(int tracks, Dictionary<string, IReadOnlyList<double?>> values, double?[,] tonalDistances)
    {
        Tracks = tracks;
        _values = values;
        _tonalDistances = tonalDistances;
    }

    /// <summary>Number of tracks of the sample.</summary>
    public int Tracks { get; }

    /// <summary>The values of <paramref name="metric"/>, one per track.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="MetricNames.All"/>.</exception>
    public IReadOnlyList<double?> this[string metric] =>
        _values.TryGetValue(metric, out var v) ? v : throw new ArgumentException($"Unknown metric '{metric}'.", nameof(metric));

    /// <summary>
    /// The value of <paramref name="metric"/> for <paramref name="track"/>; null when undefined
    /// or when the sample has no such track.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="MetricNames.All"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">track is negative.</exception>
    public double? Get(string metric, int track)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(track);
        var values = this[metric];
        return track < values.Count ? values[track] : null;
    }

    /// <summary>
    /// <see cref="TonalDistance.Between"/> of tracks <paramref name="a"/> and <paramref name="b"/>
    /// (symmetric); null when undefined or when the sample has no such track.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A track index is negative.</exception>
    public double? TonalDistanceBetween(int a, int b)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        return a < Tracks && b < Tracks ? _tonalDistances[a, b] : null;
    }

    /// <summary>Computes every metric of <paramref name="sample"/> on the grid of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException">sample is null.</exception>
    public static SampleMetrics Compute(Multitrack sample, MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        options ??= MetricOptions.Default;
        var tracks = sample.Tracks;
        var k = tracks.Count;
        var values = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        foreach (var name in MetricNames.All) values[name] = new double?[k];

        for (var i = 0; i < k; i++)
        {
            var x = tracks[i];
            values[MetricNames.EmptyBarRate][i] = TrackMetrics.EmptyBarRate(x, options.StepsPerBar);
            values[MetricNames.PitchesUsed][i] = TrackMetrics.PitchesUsed(x, options.StepsPerBar);
            values[MetricNames.PitchClassesUsed][i] = TrackMetrics.PitchClassesUsed(x, options.StepsPerBar);
            values[MetricNames.PolyphonicRate][i] = TrackMetrics.PolyphonicRate(x);
            values[MetricNames.InScaleRate][i] = TrackMetrics.InScaleRate(x);
            values[MetricNames.ScaleConsistency][i] = TrackMetrics.ScaleConsistency(x);
            values[MetricNames.QualifiedNoteRate][i] = TrackMetrics.QualifiedNoteRate(x);
            values[MetricNames.Polyphony][i] = TrackMetrics.Polyphony(x);
            values[MetricNames.PitchClassEntropy][i] = TrackMetrics.PitchClassEntropy(x);
            if (i == 0) continue;
            values[MetricNames.ConsonanceRate][i] = HarmonyMetrics.ConsonanceRate(tracks[0], x);
            values[MetricNames.ParallelFifthsOctavesRate][i] = HarmonyMetrics.ParallelFifthsOctavesRate(tracks[0], x);
        }

        var tonal = new double?[k, k];
        for (var a = 0; a < k; a++)
        {
            for (var b = a; b < k; b++) tonal[a, b] = tonal[b, a] = TonalDistance.Between(tracks[a], tracks[b], options);
        }
        for (var i = 1; i < k; i++) values[MetricNames.TonalDistance][i] = tonal[0, i];
        // Read-only views so that callers cannot change a computed sample.
        var frozen = values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double?>)Array.AsReadOnly(kv.Value), StringComparer.Ordinal);
        return new SampleMetrics(k, frozen, tonal);
    }
}
