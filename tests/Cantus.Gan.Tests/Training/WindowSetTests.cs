using Cantus.Gan.Training;
using Cantus.Music.Datasets;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Tests.Training;

public sealed class WindowSetTests
{
    // Two 2-step pieces of 2 tracks cropped to pitches 60..67 (8 rows), through the real windower.
    private static WindowSet Set(int? maxShift)
    {
        var first = new Multitrack(2);
        first.AddTrack()[0, 62] = 1;   // row 2
        first.AddTrack()[1, 66] = 1;   // row 6 → span 2..6
        var second = new Multitrack(2);
        second.AddTrack()[1, 60] = 1;  // row 0 → span 0..0
        second.AddTrack();
        var dense = new Windower(new WindowOptions { Steps = 2, Hop = 2, PitchRange = PitchRange.FromCount(60, 8) }).ToDense([first, second]);
        return WindowSet.From(dense, maxShift);
    }

    [Fact]
    public void Fill_ShiftsEveryTrackAndCopiesTheConditionTrack()
    {
        var set = Set(null);
        var real = new float[2 * set.SampleSize];
        var condition = new float[2 * 16];
        set.Fill([0, 1], [1, 3], 1, real, condition);
        var on = real.Select((v, i) => (v, i)).Where(x => x.v > 0).Select(x => x.i).ToArray();
        // sample 0 (+1): rows 3 and 7; sample 1 (+3): row 3 at step 1 of track 0.
        Assert.Equal([0 * 8 + 3, 3 * 8 + 7, 32 + 8 + 3], on);
        Assert.All(real, v => Assert.True(v is 1f or -1f));
        Assert.Equal(real.AsSpan(16, 16).ToArray(), condition.AsSpan(0, 16).ToArray()); // track 1 of sample 0
        Assert.All(condition.AsSpan(16, 16).ToArray(), v => Assert.Equal(-1f, v));     // track 1 of sample 1 is silent
    }

    [Fact]
    public void AugmentedCount_CountsTheAllowedShifts()
    {
        Assert.Equal(4 + 8, Set(null).AugmentedCount);  // span 2..6 → -2..+1; span 0..0 → 0..7
        Assert.Equal(3 + 2, Set(1).AugmentedCount);     // ±1: -1..+1 and 0..+1
        Assert.Equal((-1, 1), Set(1).Shifts(0));
    }

    [Fact]
    public void Select_KeepsCellsAndShifts()
    {
        var set = Set(null).Select([1]);
        Assert.Equal(1, set.Samples);
        Assert.Equal((0, 7), set.Shifts(0));
        Assert.Equal(1, set.Cells[8]);
    }
}
