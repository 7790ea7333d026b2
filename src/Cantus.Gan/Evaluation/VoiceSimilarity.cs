using Cantus.Music.Metrics;

namespace Cantus.Gan.Evaluation;

/// <summary>
/// The similarity index restricted to the accompanying voices (tracks 1..): the mean of
/// <see cref="SimilarityResult.Overlaps"/> over the metrics and tracks k ≥ 1 defined on both sides.
/// Track 0 is the melody, the same on both sides when generated and real share their melodies,
/// so it would only inflate the index.
/// </summary>
public static class VoiceSimilarity
{
    /// <summary>The index of tracks 1.. of <paramref name="generated"/> to <paramref name="reference"/>; null when no pair is defined.</summary>
    public static double? Compute(SetMetrics generated, SetMetrics reference)
    {
        var result = SimilarityIndex.Compute(generated, reference);
        double sum = 0;
        var n = 0;
        foreach (var row in result.Overlaps.Values)
            for (var k = 1; k < row.Count; k++)
                if (row[k] is double v)
                {
                    sum += v;
                    n++;
                }
        return n == 0 ? null : sum / n;
    }

    /// <summary>Per metric name, the mean per track of <paramref name="set"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double?>> Means(SetMetrics set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return MetricNames.All.ToDictionary(n => n, set.Means, StringComparer.Ordinal);
    }
}
