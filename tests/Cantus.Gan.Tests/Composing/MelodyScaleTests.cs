using Cantus.Gan.Composing;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Tests.Composing;

public sealed class MelodyScaleTests
{
    private static PianoRollTrack Melody(int steps, params (int From, int To, int Pitch)[] notes)
    {
        var m = new Multitrack(steps);
        var track = m.AddTrack();
        foreach (var (from, to, pitch) in notes)
            for (var t = from; t < to; t++) track[t, pitch] = 90;
        return track;
    }

    [Fact]
    public void Major_RotatesTheCMajorMask()
    {
        Assert.Equal(MelodyScale.CMajor, MelodyScale.Major(0));
        // G major: G A B C D E F#.
        var g = MelodyScale.Major(7);
        foreach (var pc in new[] { 7, 9, 11, 0, 2, 4, 6 }) Assert.True((g >> pc & 1) == 1, $"pitch class {pc}");
        Assert.Equal(0, g >> 5 & 1); // F natural is not in G major
        Assert.Equal(7, System.Numerics.BitOperations.PopCount((uint)g));
    }

    [Fact]
    public void PerStep_FindsTheScaleOfTheMelodyAroundEachStep()
    {
        // Bar 1: G A B C D E F# G (G major, F# rules out C major); bar 3 after a silent bar: F G A Bb (F major).
        var notes = new List<(int, int, int)>();
        int[] gMajor = [67, 69, 71, 72, 74, 76, 78, 79];
        for (var i = 0; i < 8; i++) notes.Add((i * 2, i * 2 + 2, gMajor[i]));
        int[] fMajor = [65, 67, 69, 70];
        for (var i = 0; i < 4; i++) notes.Add((48 + i * 4, 52 + i * 4, fMajor[i]));
        var masks = MelodyScale.PerStep(Melody(64, [.. notes]), radius: 8);
        Assert.Equal(MelodyScale.Major(7), masks[4]);
        Assert.Equal(0, masks[30]); // nothing sounds within 8 steps
        Assert.Equal(MelodyScale.Major(5), masks[56]);
    }

    [Fact]
    public void PerStep_TiesGoToTheScaleWhoseTonicTriadSounds()
    {
        // C E G fits C, F and G major alike (all in-scale); its triad is C major's.
        var masks = MelodyScale.PerStep(Melody(12, (0, 4, 60), (4, 8, 64), (8, 12, 67)), radius: 16);
        Assert.All(masks, m => Assert.Equal(MelodyScale.CMajor, m));
    }
}
