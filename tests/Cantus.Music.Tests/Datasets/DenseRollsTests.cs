using Cantus.Music.Datasets;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Datasets;

public class DenseRollsTests
{
    [Fact]
    public void LayoutIsSamplesTracksStepsPitches()
    {
        // 2 tracks, 6 steps, windows of 4 with hop 2 → starts 0 and 2; crop 58..65 (8 pitches).
        var piece = Rolls.FromSteps([[60, 58], [61, -1], [62, 59], [63, -1], [64, 65], [65, -1]]);
        var w = new Windower(new WindowOptions { Steps = 4, Hop = 2, PitchRange = PitchRange.FromCount(58, 8) });
        var dense = w.ToDense([piece]);
        Assert.Equal((2, 2, 4, 8, 58), (dense.Samples, dense.Tracks, dense.Steps, dense.Pitches, dense.LowestPitch));
        Assert.Equal(2 * 2 * 4 * 8, dense.Cells.Length);
        // Sample 1 starts at step 2: track 0 step 1 is pitch 63 → index ((1·2 + 0)·4 + 1)·8 + (63 − 58) = 77.
        Assert.Equal(1, dense.Cells[77]);
        // Sample 1, track 1, step 2 is pitch 65 → ((1·2 + 1)·4 + 2)·8 + 7 = 119.
        Assert.Equal(1, dense.Cells[119]);
        Assert.Equal(2 * 4 + 2 * 2, dense.Cells.ToArray().Count(b => b == 1)); // melody 4 + 4 cells, bass 58, 59 | 59, 65
        Assert.True(dense.IsActive(0, 1, 0, 58));
        Assert.False(dense.IsActive(0, 1, 0, 40)); // outside the crop
        Assert.Equal(["t0", "t1"], dense.TrackNames);
    }

    [Fact]
    public void DenseMatchesExtractedWindowsCellByCell()
    {
        // Lopsided random piece, transposed, cropped: the dense array must equal Extract (the reference) restricted to the crop.
        var rng = new Random(7);
        var steps = Enumerable.Range(0, 80).Select(_ => new[] { rng.Next(6) == 0 ? -1 : rng.Next(60, 80), rng.Next(45, 60), rng.Next(40, 50) }).ToArray();
        var pieces = new[] { Rolls.FromSteps(steps), Rolls.FromSteps(steps[..40]) };
        var w = new Windower(new WindowOptions { PitchRange = new PitchRange(36, 83), Transposition = Transposition.UpTo(3) });
        var dense = w.ToDense(pieces);
        var plan = w.Plan(pieces);
        Assert.Equal(plan, dense.Windows);
        Assert.True(dense.Samples > 10);
        for (var i = 0; i < dense.Samples; i++)
        {
            var roll = w.Extract(pieces[plan[i].Piece], plan[i]);
            for (var k = 0; k < 3; k++)
                for (var t = 0; t < 32; t++)
                    for (var p = 0; p < 128; p++)
                    {
                        var expected = roll.Tracks[k].IsActive(t, p);
                        if (expected) Assert.InRange(p, 36, 83); // planning keeps every note inside the range
                        Assert.True(expected == dense.IsActive(i, k, t, p), $"sample {i} track {k} step {t} pitch {p}");
                    }
        }
    }

    [Fact]
    public void ToSinglesMapsBothLevels()
    {
        var dense = new Windower(new WindowOptions { Steps = 2, PitchRange = PitchRange.FromCount(60, 2) }).ToDense([Rolls.Constant(2, 61)]);
        Assert.Equal([-1f, 1f, -1f, 1f], dense.ToSingles(-1f, 1f));
        Assert.Throws<ArgumentException>(() => dense.CopyTo(new float[3]));
    }

    [Fact]
    public void TrackCountMismatchIsBadData()
    {
        var ex = Assert.Throws<InvalidDataException>(() => new Windower().ToDense([Rolls.Constant(32, 60, 50), Rolls.Constant(32, 60)]));
        Assert.StartsWith("piece 1: has 1 tracks; piece 0 has 2", ex.Message);
    }

    [Fact]
    public void SizeLimitIsEnforced()
    {
        var pieces = new[] { Rolls.Constant(64, 60) }; // 3 windows × 1 track × 32 × 128 = 12288 bytes
        Assert.Equal(12288, new Windower().ToDense(pieces, maxBytes: 12288).Cells.Length);
        Assert.Throws<InvalidOperationException>(() => new Windower().ToDense(pieces, maxBytes: 12287));
    }

    [Fact]
    public void EmptyInputGivesEmptyArray()
    {
        var dense = new Windower().ToDense(Array.Empty<Multitrack>());
        Assert.Equal(0, dense.Samples);
        Assert.Equal(0, dense.Cells.Length);
    }
}
