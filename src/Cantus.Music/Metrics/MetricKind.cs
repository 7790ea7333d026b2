namespace Cantus.Music.Metrics;

/// <summary>
/// What a metric's values look like, which fixes its histogram in the similarity index
/// (docs/metrics.md: rates 20 bins on [0, 1]; counts and polyphony bins of 0.5 on [0, 16];
/// entropy 20 bins on [0, log2 12]).
/// </summary>
public enum MetricKind
{
    /// <summary>A share in [0, 1].</summary>
    Rate,

    /// <summary>A (mean) number of pitches, pitch classes or simultaneous notes.</summary>
    Count,

    /// <summary>A Shannon entropy in bits over the 12 pitch classes, in [0, log2 12].</summary>
    Entropy,

    /// <summary>A distance in the 6-D tonal space; docs/metrics.md gives it no histogram, so the similarity index leaves it out.</summary>
    Distance,
}
