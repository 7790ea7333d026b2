namespace Cantus.Music.Metrics;

/// <summary>
/// Similarity index of a generated set G to a reference set R (docs/metrics.md, after Yang &amp; Lerch,
/// "On the evaluation of generative models in music", Neural Computing and Applications 2018,
/// overlapping area): for each metric and track, the histograms of the per-sample values of
/// G and of R are normalised to sum 1 and their overlapping area Σ_b min(g_b, r_b) is taken;
/// the index is the mean over the (metric, track) pairs that have at least one defined value
/// on both sides. 1 = indistinguishable profiles, 0 = disjoint ones.
/// </summary>
/// <remarks>
/// Histograms: rates 20 equal bins on [0, 1]; counts (pitches and pitch classes used) and
/// polyphony bins of 0.5 on [0, 16]; pitch-class entropy 20 bins on [0, log2 12]; values
/// outside go to the end bins. docs/metrics.md gives no histogram for
/// <see cref="MetricNames.TonalDistance"/>, so it takes no part in the index.
/// </remarks>
public static class SimilarityIndex
{
    /// <summary>The similarity index of <paramref name="generated"/> to <paramref name="reference"/> with its per-pair overlaps.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SimilarityResult Compute(SetMetrics generated, SetMetrics reference)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(reference);
        var tracks = Math.Max(generated.Tracks, reference.Tracks);
        var overlaps = new Dictionary<string, IReadOnlyList<double?>>(StringComparer.Ordinal);
        var sum = 0.0;
        var pairs = 0;
        foreach (var name in MetricNames.All)
        {
            var kind = MetricNames.KindOf(name);
            if (kind == MetricKind.Distance) continue;
            var row = new double?[tracks];
            for (var k = 0; k < tracks; k++)
            {
                var g = MetricHistogram.Normalised(generated.PerSample.Select(s => s.Get(name, k)), kind);
                var r = MetricHistogram.Normalised(reference.PerSample.Select(s => s.Get(name, k)), kind);
                if (g is null || r is null) continue;
                var area = MetricHistogram.Overlap(g, r);
                row[k] = area;
                sum += area;
                pairs++;
            }
            overlaps[name] = row;
        }
        return new SimilarityResult(pairs == 0 ? null : sum / pairs, overlaps);
    }
}
