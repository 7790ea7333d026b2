using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>Similarity index (issue 2, overlapping area after Yang &amp; Lerch 2018).</summary>
public class SimilarityIndexTests
{
    // X: one track, 2 bars, C4 held through bar 0 only. Y: C4 held through both bars.
    // They differ only in empty_bar_rate (0.5 vs 0), pitches_used and pitch_classes_used (0.5 vs 1);
    // the other six single-track metrics are equal (polyphonic 0, in-scale 1, consistency 1,
    // qualified 1, polyphony 1, entropy 0).
    private static Multitrack X() => Rolls.Sample(new PianoRollTrack(32).Note(60, 0, 16));

    private static Multitrack Y() => Rolls.Sample(new PianoRollTrack(32).Note(60, 0, 32));

    [Fact]
    public void SetAgainstItselfIsOne()
    {
        var set = SetMetrics.Compute([X(), Y(), Y(), Rolls.Sample(new PianoRollTrack(32).Note(60, 3, 5).Note(64, 3, 9), new PianoRollTrack(32).Note(53, 0, 30))]);
        Assert.Equal(1.0, SimilarityIndex.Compute(set, set).Index!.Value, 12);
    }

    [Fact]
    public void DisjointProfilesAreZero()
    {
        // G: silent tracks (empty 1, pitches 0, classes 0, polyphonic 0; the rest undefined).
        // R: a held 3-note chord (empty 0, pitches 3, classes 3, polyphonic 1; the rest defined only in R).
        var g = SetMetrics.Compute([Rolls.Sample(new PianoRollTrack(16)), Rolls.Sample(new PianoRollTrack(16))]);
        var r = SetMetrics.Compute([Rolls.Sample(new PianoRollTrack(16).Note(60, 0, 16).Note(64, 0, 16).Note(68, 0, 16))]);
        var result = SimilarityIndex.Compute(g, r);
        Assert.Equal(0.0, result.Index);
        Assert.Equal([0.0], result.Overlaps[MetricNames.EmptyBarRate]);
        Assert.Equal([null], result.Overlaps[MetricNames.InScaleRate]);
        Assert.False(result.Overlaps.ContainsKey(MetricNames.TonalDistance));
    }

    [Fact]
    public void HandComputedIntermediateCase()
    {
        // G = {X, X, X, Y}, R = {X, Y, Y, Y}: each differing metric overlaps min(¾, ¼) + min(¼, ¾) = ½;
        // six equal metrics overlap 1. Index = (3·½ + 6·1) / 9 = 5/6.
        var g = SetMetrics.Compute([X(), X(), X(), Y()]);
        var r = SetMetrics.Compute([X(), Y(), Y(), Y()]);
        var result = SimilarityIndex.Compute(g, r);
        Assert.Equal(5.0 / 6, result.Index!.Value, 12);
        Assert.Equal(0.5, result.Overlaps[MetricNames.PitchesUsed][0]!.Value, 12);
        Assert.Equal(1.0, result.Overlaps[MetricNames.Polyphony][0]!.Value, 12);
    }

    [Fact]
    public void PairsUndefinedOnOneSideAreLeftOut()
    {
        // G has a second track; R does not: track 1 takes no part, so the index equals the 1-track one.
        var g = SetMetrics.Compute([Rolls.Sample(new PianoRollTrack(32).Note(60, 0, 32), new PianoRollTrack(32).Note(50, 0, 3))]);
        var r = SetMetrics.Compute([Y()]);
        var result = SimilarityIndex.Compute(g, r);
        Assert.Equal(1.0, result.Index);
        Assert.Equal([1.0, null], result.Overlaps[MetricNames.EmptyBarRate]);
        Assert.Null(SimilarityIndex.Compute(SetMetrics.Compute([]), r).Index);
    }

    [Theory]
    [InlineData(0.0, MetricKind.Rate, 0)]
    [InlineData(0.35, MetricKind.Rate, 7)]
    [InlineData(0.0499, MetricKind.Rate, 0)]
    [InlineData(1.0, MetricKind.Rate, 19)]
    [InlineData(-0.2, MetricKind.Rate, 0)]
    [InlineData(1.5, MetricKind.Rate, 19)]
    [InlineData(0.5, MetricKind.Count, 1)]
    [InlineData(2.25, MetricKind.Count, 4)]
    [InlineData(16.0, MetricKind.Count, 31)]
    [InlineData(40.0, MetricKind.Count, 31)]
    [InlineData(1.0, MetricKind.Entropy, 5)] // 1 / log2 12 · 20 = 5.58
    [InlineData(3.5849625007211561, MetricKind.Entropy, 19)]
    public void BinningFollowsTheIssue(double value, MetricKind kind, int bin) =>
        Assert.Equal(bin, MetricHistogram.BinOf(value, kind));

    [Fact]
    public void OverlapOfNormalisedHistograms()
    {
        var g = MetricHistogram.Normalised([0.1, 0.1, 0.9, null], MetricKind.Rate)!;
        var r = MetricHistogram.Normalised([0.1, 0.5, 0.5, 0.9], MetricKind.Rate)!;
        // g: bin 2 → 2/3, bin 18 → 1/3; r: bin 2 → 1/4, bin 10 → 1/2, bin 18 → 1/4. Overlap 1/4 + 1/4.
        Assert.Equal(0.5, MetricHistogram.Overlap(g, r), 12);
        Assert.Null(MetricHistogram.Normalised([null], MetricKind.Rate));
        Assert.Throws<ArgumentException>(() => MetricHistogram.Layout(MetricKind.Distance));
    }
}
