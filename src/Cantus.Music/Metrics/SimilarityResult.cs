namespace Cantus.Music.Metrics;

/// <summary>
/// The similarity index of a generated set to a reference set (see <see cref="SimilarityIndex"/>)
/// and the overlapping area of every (metric, track) pair it averages.
/// </summary>
public sealed class SimilarityResult
{
    internal SimilarityResult(double? index, IReadOnlyDictionary<string, IReadOnlyList<double?>> overlaps)
    {
        Index = index;
        Overlaps = overlaps;
    }

    /// <summary>Mean overlapping area over the (metric, track) pairs defined on both sides, in [0, 1]; null when there is none.</summary>
    public double? Index { get; }

    /// <summary>Per metric name, the overlapping area for each track; null where the pair is undefined on either side.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double?>> Overlaps { get; }
}
