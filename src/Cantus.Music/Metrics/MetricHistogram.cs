namespace Cantus.Music.Metrics;

/// <summary>
/// The fixed histograms of the similarity index (docs/metrics.md): rates 20 equal bins on [0, 1];
/// counts and polyphony bins of 0.5 on [0, 16] (32 bins); entropy 20 bins on [0, log2 12].
/// Bin b holds [lo + b·w, lo + (b+1)·w); the last bin also holds hi; values below lo go to
/// bin 0 and values above hi to the last bin.
/// </summary>
internal static class MetricHistogram
{
    /// <summary>The range and bin count of a metric kind.</summary>
    internal static (double Low, double High, int Bins) Layout(MetricKind kind) => kind switch
    {
        MetricKind.Rate => (0, 1, 20),
        MetricKind.Count => (0, 16, 32),
        MetricKind.Entropy => (0, Math.Log2(12), 20),
        _ => throw new ArgumentException($"docs/metrics.md defines no histogram for {kind} metrics.", nameof(kind)),
    };

    /// <summary>The bin of value <paramref name="v"/>.</summary>
    internal static int BinOf(double v, MetricKind kind)
    {
        var (low, high, bins) = Layout(kind);
        // Scale by bins/(high−low) rather than divide by the width so that e.g. 0.35 lands in
        // bin 7 (0.35·20 = 7.000000000000001), not 6 (0.35/0.05 = 6.999999999999999).
        var b = Math.Floor((v - low) * bins / (high - low));
        return b < 0 ? 0 : b >= bins ? bins - 1 : (int)b;
    }

    /// <summary>Normalised histogram (sums to 1) of the defined values; null when there are none.</summary>
    internal static double[]? Normalised(IEnumerable<double?> values, MetricKind kind)
    {
        var h = new double[Layout(kind).Bins];
        var n = 0;
        foreach (var v in values)
        {
            if (v is not { } x || double.IsNaN(x)) continue;
            h[BinOf(x, kind)]++;
            n++;
        }
        if (n == 0) return null;
        for (var b = 0; b < h.Length; b++) h[b] /= n;
        return h;
    }

    /// <summary>Overlapping area Σ_b min(g_b, r_b) of two normalised histograms, in [0, 1].</summary>
    internal static double Overlap(double[] g, double[] r)
    {
        var area = 0.0;
        for (var b = 0; b < g.Length; b++) area += Math.Min(g[b], r[b]);
        return area;
    }
}
