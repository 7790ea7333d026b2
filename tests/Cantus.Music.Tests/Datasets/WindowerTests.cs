using Cantus.Music.Datasets;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Datasets;

public class WindowerTests
{
    private static readonly Windower Default = new();

    [Theory]
    [InlineData(31, 0)]
    [InlineData(32, 1)]
    [InlineData(40, 1)]  // starts 0 only: 16 + 32 > 40
    [InlineData(47, 1)]
    [InlineData(48, 2)]  // starts 0, 16
    [InlineData(100, 5)] // starts 0, 16, 32, 48, 64
    public void WindowCountFollowsLengthAndHop(int steps, int expected) =>
        Assert.Equal(expected, Default.Count([Rolls.Constant(steps, 60, 55)]));

    [Fact]
    public void StartsAreMultiplesOfTheHopInPieceOrder()
    {
        var plan = new Windower(new WindowOptions { Steps = 4, Hop = 3 }).Plan([Rolls.Constant(10, 60), Rolls.Constant(4, 62)]);
        Assert.Equal([new(0, 0, 0), new(0, 3, 0), new(0, 6, 0), new(1, 0, 0)], plan);
    }

    [Fact]
    public void WindowsWithSilentMelodyAreSkipped()
    {
        // 64 steps; melody (track 0) sounds only in steps 20..23; the bass everywhere.
        var steps = Enumerable.Range(0, 64).Select(s => new[] { s is >= 20 and < 24 ? 70 : -1, 40 }).ToArray();
        var piece = Rolls.FromSteps(steps);
        // Starts 0, 16, 32: only [0, 32) and [16, 48) contain steps 20..23.
        Assert.Equal([0, 16], Default.Plan([piece]).Select(w => w.Start));
        // With the bass as melody every window counts; with no melody check too.
        Assert.Equal(3, new Windower(new WindowOptions { MelodyTrack = 1 }).Count([piece]));
        Assert.Equal(3, new Windower(new WindowOptions { MelodyTrack = null }).Count([piece]));
    }

    [Fact]
    public void ShortPiecesGiveNothingUnlessPadded()
    {
        var piece = Rolls.Constant(20, 60);
        Assert.Equal(0, Default.Count([piece]));
        var padded = new Windower(new WindowOptions { PadShortPieces = true });
        Assert.Equal([new SampleWindow(0, 0, 0)], padded.Plan([piece, new Multitrack(0)]));
        var roll = padded.Windows([piece]).Single();
        Assert.Equal(32, roll.Steps);
        Assert.True(roll.Tracks[0].IsActive(19, 60));
        Assert.True(roll.Tracks[0].StepCells(20).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(roll.Tracks[0].StepCells(31).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void AllShiftsInsideTheRange()
    {
        // Span 40..90 inside 36..99: shifts -4..+9, 14 samples.
        var piece = Rolls.Constant(32, 90, 40);
        var all = new Windower(new WindowOptions { PitchRange = new PitchRange(36, 99), Transposition = Transposition.All });
        Assert.Equal(Enumerable.Range(-4, 14), all.Plan([piece]).Select(w => w.Shift));
        // Full MIDI range: -40..+37, 78 samples.
        Assert.Equal(78, new Windower(new WindowOptions { Transposition = Transposition.All }).Count([piece]));
    }

    [Fact]
    public void PlusMinusKIsClippedByTheRange()
    {
        var piece = Rolls.Constant(32, 90, 40);
        var opts = new WindowOptions { PitchRange = new PitchRange(36, 99), Transposition = Transposition.UpTo(6) };
        Assert.Equal(Enumerable.Range(-4, 11), new Windower(opts).Plan([piece]).Select(w => w.Shift)); // -4..+6
        Assert.Equal(Enumerable.Range(-2, 5), new Windower(opts with { Transposition = Transposition.UpTo(2) }).Plan([piece]).Select(w => w.Shift));
    }

    [Fact]
    public void WindowsOutsideTheRangeAreSkipped()
    {
        var low = Rolls.Constant(32, 60, 30); // bass at 30, below 36
        var narrow = new WindowOptions { PitchRange = new PitchRange(36, 99) };
        Assert.Equal(0, new Windower(narrow).Count([low]));
        Assert.Equal([6, 7, 8], new Windower(narrow with { Transposition = Transposition.UpTo(8) }).Plan([low]).Select(w => w.Shift)); // needs ≥ +6
        var wide = Rolls.Constant(32, 100, 30); // span 70 > 63
        Assert.Equal(0, new Windower(narrow with { Transposition = Transposition.All }).Count([wide]));
    }

    [Fact]
    public void TranspositionIsPerWindow()
    {
        // First bar high (80), second and third bar low (50): windows [0,32) span 50..80, [16,48) span 50..50.
        var steps = Enumerable.Range(0, 48).Select(s => new[] { s < 16 ? 80 : 50 }).ToArray();
        var opts = new WindowOptions { PitchRange = new PitchRange(40, 90), Transposition = Transposition.All };
        var plan = new Windower(opts).Plan([Rolls.FromSteps(steps)]);
        Assert.Equal(21 + 51, plan.Count); // -10..+10, then -10..+40
        Assert.Equal(21, plan.Count(w => w.Start == 0));
    }

    [Fact]
    public void ExtractShiftsPitchedTracksButNotDrums()
    {
        var piece = Rolls.FromSteps([[60, 36], [62, -1], [-1, 38]]);
        piece.Tracks[1].IsDrum = true;
        piece.Tracks[0].Program = 73;
        var w = new Windower(new WindowOptions { Steps = 2, MelodyTrack = 0 }).Extract(piece, new SampleWindow(0, 1, 5));
        Assert.Equal(2, w.Steps);
        Assert.True(w.Tracks[0].IsActive(0, 67));
        Assert.False(w.Tracks[0].IsActive(0, 62));
        Assert.True(w.Tracks[0].StepCells(1).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(w.Tracks[1].IsActive(1, 38)); // drum unshifted
        Assert.Equal(73, w.Tracks[0].Program);
        Assert.True(w.Tracks[1].IsDrum);
        Assert.Equal(["t0", "t1"], w.Tracks.Select(t => t.Name));
    }

    [Fact]
    public void DrumsDoNotLimitTransposition()
    {
        var piece = Rolls.Constant(32, 60, 127);
        piece.Tracks[1].IsDrum = true;
        Assert.Equal(128, new Windower(new WindowOptions { Transposition = Transposition.All }).Count([piece])); // -60..+67
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-3)]
    [InlineData(127)]
    [InlineData(-127)]
    public void ShiftRowMatchesScalarReference(int shift)
    {
        var src = Enumerable.Range(0, 128).Select(i => (byte)(i % 7 == 0 ? 0 : i)).ToArray();
        var fast = new byte[128];
        Windower.ShiftRow(src, fast, shift);
        var slow = new byte[128];
        for (var p = 0; p < 128; p++)
            if (p + shift is >= 0 and < 128) slow[p + shift] = src[p];
        Assert.Equal(slow, fast);
    }

    [Fact]
    public void MissingMelodyTrackIsBadData()
    {
        var ex = Assert.Throws<InvalidDataException>(() => new Windower(new WindowOptions { MelodyTrack = 2 }).Count([Rolls.Constant(32, 60, 50)]));
        Assert.Equal("piece 0: has 2 tracks; the melody is track 2 (WindowOptions.MelodyTrack)", ex.Message);
    }

    [Fact]
    public void OptionsRejectBadValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowOptions { Steps = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowOptions { Hop = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowOptions { MelodyTrack = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Transposition.UpTo(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PitchRange(50, 40));
        Assert.Throws<ArgumentOutOfRangeException>(() => PitchRange.FromCount(100, 29));
        Assert.Equal(new PitchRange(24, 107), PitchRange.FromCount(24, 84));
    }
}
