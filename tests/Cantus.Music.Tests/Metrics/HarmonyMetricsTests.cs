using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>Consonance and parallel fifths/octaves (issue 2) on hand-made two-voice fragments.</summary>
public class HarmonyMetricsTests
{
    [Fact]
    public void TopLineTakesTheHighestSoundingPitch()
    {
        var x = new PianoRollTrack(3).Note(48, 0).Note(60, 0).Note(55, 2);
        Assert.Equal([60, -1, 55], HarmonyMetrics.TopLine(x));
    }

    [Theory]
    [InlineData(72, 65, 7)]
    [InlineData(60, 64, 8)] // voice above the melody: (60 − 64) mod 12 = 8
    [InlineData(72, 48, 0)]
    [InlineData(61, 60, 1)]
    public void IntervalIsMelodyMinusVoiceModTwelve(int melody, int voice, int expected) =>
        Assert.Equal(expected, HarmonyMetrics.Interval(melody, voice));

    [Fact]
    public void ConsonanceRateOverStepsWhereBothSound()
    {
        // Melody C5 throughout; voice: F4 (5th ✓), F#4 (tritone ✗), G4 (4th ✗), A4 (m3 ✓), A#4 (M2 ✗),
        // rest, rest. A low extra note under the voice's top does not count. 2 of 5.
        var melody = Rolls.Line(72, 72, 72, 72, 72, 72, 72);
        var voice = Rolls.Line(65, 66, 67, 69, 70, -1, -1).Note(40, 1);
        Assert.Equal(0.4, HarmonyMetrics.ConsonanceRate(melody, voice));
    }

    [Fact]
    public void ConsonanceCountsVoiceAboveMelodyByIntervalClass()
    {
        // Melody C4; voice E4 above: (60 − 64) mod 12 = 8 ✓; voice D4 above: 10 ✗; voice C3: 0 ✓.
        var melody = Rolls.Line(60, 60, 60);
        var voice = Rolls.Line(64, 62, 48);
        Assert.Equal(2.0 / 3, HarmonyMetrics.ConsonanceRate(melody, voice)!.Value, 12);
    }

    [Fact]
    public void ParallelFifthsDetectedContraryMotionNot()
    {
        // t0→t1: both up, 5th→5th: parallel ✓.   t1→t2: melody up, voice down, 5th→5th: contrary ✗.
        // t2→t3: melody held: not a moving pair.  t3→t4: contrary, 6th→8ve ✗.
        // t4→t5: both up, 8ve→m7 ✗.                t5→t6: melody silent: not counted.
        var melody = Rolls.Line(72, 74, 76, 76, 77, 79, -1);
        var voice = Rolls.Line(65, 67, 57, 55, 53, 57, 55);
        Assert.Equal(0.25, HarmonyMetrics.ParallelFifthsOctavesRate(melody, voice));
    }

    [Fact]
    public void ParallelOctavesAcrossRegisters()
    {
        // Octave and double octave, both voices falling: 0 → 0 in the same direction.
        var melody = Rolls.Line(72, 71, 69);
        var voice = Rolls.Line(60, 47, 50);
        // t0→t1: 12 → 24 both down ✓; t1→t2: melody down, voice up ✗.
        Assert.Equal(0.5, HarmonyMetrics.ParallelFifthsOctavesRate(melody, voice));
    }

    [Fact]
    public void OctaveToFifthInSimilarMotionIsNotParallel()
    {
        // 8ve (0) at t0, 5th (7) at t1, both rising: a hidden fifth, not a parallel one.
        // t1→t2: 5th → 5th (74−67, 76−57 = 19) both moving, contrary: ✗. 0 of 2.
        var melody = Rolls.Line(72, 74, 76);
        var voice = Rolls.Line(60, 67, 57);
        Assert.Equal(0.0, HarmonyMetrics.ParallelFifthsOctavesRate(melody, voice));
    }

    [Fact]
    public void UndefinedWhenNothingToMeasure()
    {
        var melody = Rolls.Line(72, 72, 72);
        Assert.Null(HarmonyMetrics.ConsonanceRate(melody, Rolls.Line(-1, -1, -1)));
        Assert.Null(HarmonyMetrics.ParallelFifthsOctavesRate(melody, Rolls.Line(65, 67, 65)));
        Assert.Equal(1.0, HarmonyMetrics.ConsonanceRate(melody, Rolls.Line(65, -1, 60)));
        Assert.Throws<ArgumentException>(() => HarmonyMetrics.ConsonanceRate(melody, new PianoRollTrack(4)));
    }
}
