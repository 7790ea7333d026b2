using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>Per-track metrics against values computed by hand (issue 2, "Metrics").</summary>
public class TrackMetricsTests
{
    private const int C4 = 60;

    [Fact]
    public void EmptyBarRateCountsEmptyBarsNotFullOnes()
    {
        // 4 bars + 6 steps; bar 2 is empty, the partial bar (steps 64..69) is ignored.
        var x = new PianoRollTrack(70).Note(C4, 0).Note(C4, 16, 16).Note(C4, 50).Note(C4, 66);
        Assert.Equal(0.25, TrackMetrics.EmptyBarRate(x));
    }

    [Fact]
    public void EmptyBarRateHonoursBarLength()
    {
        // With 8-step bars: 8 bars, notes in bars 0, 2 and 6 only → 5 of 8 empty.
        var x = new PianoRollTrack(64).Note(C4, 0).Note(C4, 16).Note(C4, 50);
        Assert.Equal(5.0 / 8, TrackMetrics.EmptyBarRate(x, stepsPerBar: 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackMetrics.EmptyBarRate(x, stepsPerBar: 0));
    }

    [Fact]
    public void PitchesAndPitchClassesUsedAreMeansOverBars()
    {
        // Bar 0: C4, E4, C4 again, C5 → pitches {60, 64, 72} = 3, classes {C, E} = 2.
        // Bar 1: C#4 → 1 and 1. Bar 2: empty → 0 and 0.
        var x = new PianoRollTrack(48).Note(C4, 0, 4).Note(64, 4, 4).Note(C4, 8).Note(72, 9).Note(61, 20, 3);
        Assert.Equal(4.0 / 3, TrackMetrics.PitchesUsed(x)!.Value, 12);
        Assert.Equal(1.0, TrackMetrics.PitchClassesUsed(x)!.Value, 12);
    }

    [Fact]
    public void PolyphonicRateAndPolyphony()
    {
        // 10 steps: step 0 three pitches, step 1 two, step 2 four, steps 3-4 one, rest silent.
        var x = new PianoRollTrack(10)
            .Note(60, 0).Note(64, 0).Note(67, 0)
            .Note(60, 1).Note(64, 1)
            .Note(60, 2).Note(64, 2).Note(67, 2).Note(70, 2)
            .Note(72, 3, 2);
        Assert.Equal(0.2, TrackMetrics.PolyphonicRate(x));
        Assert.Equal(11.0 / 5, TrackMetrics.Polyphony(x)!.Value, 12);
    }

    [Fact]
    public void InScaleRateIsCMajorButScaleConsistencyFindsTheBestKey()
    {
        // Three cells of C, one of C#: C major holds 3/4; C# major (C# D# E# F# G# A# B#) holds all.
        var x = new PianoRollTrack(16).Note(C4, 0, 2).Note(72, 5).Note(61, 9);
        Assert.Equal(0.75, TrackMetrics.InScaleRate(x));
        Assert.Equal(1.0, TrackMetrics.ScaleConsistency(x));

        // F# alone: outside C major, inside G major.
        var y = new PianoRollTrack(16).Note(66, 0, 3);
        Assert.Equal(0.0, TrackMetrics.InScaleRate(y));
        Assert.Equal(1.0, TrackMetrics.ScaleConsistency(y));
    }

    [Fact]
    public void ScaleConsistencyOfTheChromaticScale()
    {
        // One cell of each pitch class: every major scale holds 7 of 12.
        var x = new PianoRollTrack(12);
        for (var pc = 0; pc < 12; pc++) x.Note(C4 + pc, pc);
        Assert.Equal(7.0 / 12, TrackMetrics.ScaleConsistency(x)!.Value, 12);
        Assert.Equal(7.0 / 12, TrackMetrics.InScaleRate(x)!.Value, 12);
        Assert.Equal(Math.Log2(12), TrackMetrics.PitchClassEntropy(x)!.Value, 12);
    }

    [Fact]
    public void QualifiedNoteRateCountsRunsOfTwoOrMore()
    {
        // Notes: C4 3 steps (from step 0), D4 1, E4 1, E4 again 1 (after a gap), G4 2 steps to the end.
        // 2 of 5 notes qualify; a run reaching the last step is closed there.
        var x = new PianoRollTrack(20).Note(C4, 0, 3).Note(62, 4).Note(64, 6).Note(64, 8).Note(67, 18, 2);
        Assert.Equal(0.4, TrackMetrics.QualifiedNoteRate(x));
    }

    [Fact]
    public void QualifiedNoteRateDoesNotSplitNotesAtBarLines()
    {
        var x = new PianoRollTrack(32).Note(C4, 15, 2).Note(62, 20);
        Assert.Equal(0.5, TrackMetrics.QualifiedNoteRate(x));
    }

    [Fact]
    public void PitchClassEntropyInBits()
    {
        // Cells: C twice, E once, G once → p = (1/2, 1/4, 1/4) → H = 1.5 bits.
        var x = new PianoRollTrack(8).Note(C4, 0).Note(72, 1).Note(64, 2).Note(67, 3);
        Assert.Equal(1.5, TrackMetrics.PitchClassEntropy(x)!.Value, 12);
        Assert.Equal(0.0, TrackMetrics.PitchClassEntropy(new PianoRollTrack(8).Note(C4, 0, 8)));
    }

    [Fact]
    public void SilentTrackHasOnlyTheBarAndStepMetricsDefined()
    {
        var x = new PianoRollTrack(32);
        Assert.Equal(1.0, TrackMetrics.EmptyBarRate(x));
        Assert.Equal(0.0, TrackMetrics.PitchesUsed(x));
        Assert.Equal(0.0, TrackMetrics.PitchClassesUsed(x));
        Assert.Equal(0.0, TrackMetrics.PolyphonicRate(x));
        Assert.Null(TrackMetrics.InScaleRate(x));
        Assert.Null(TrackMetrics.ScaleConsistency(x));
        Assert.Null(TrackMetrics.QualifiedNoteRate(x));
        Assert.Null(TrackMetrics.Polyphony(x));
        Assert.Null(TrackMetrics.PitchClassEntropy(x));
    }

    [Fact]
    public void ShorterThanABarHasNoBarMetrics()
    {
        var x = new PianoRollTrack(15).Note(C4, 0, 15);
        Assert.Null(TrackMetrics.EmptyBarRate(x));
        Assert.Null(TrackMetrics.PitchesUsed(x));
        Assert.Null(TrackMetrics.PitchClassesUsed(x));
        Assert.Equal(0.0, TrackMetrics.PolyphonicRate(x));
        Assert.Equal(1.0, TrackMetrics.QualifiedNoteRate(x));

        var none = new PianoRollTrack(0);
        Assert.Null(TrackMetrics.PolyphonicRate(none));
        Assert.Null(TrackMetrics.Polyphony(none));
        Assert.Null(TrackMetrics.QualifiedNoteRate(none));
    }

    [Fact]
    public void VelocityDoesNotMatterOnlyActivity()
    {
        var x = new PianoRollTrack(16);
        x[0, C4] = 1;
        x[1, 61] = 127;
        Assert.Equal(0.5, TrackMetrics.InScaleRate(x));
        Assert.Equal(1.0, TrackMetrics.Polyphony(x));
    }
}
