using Cantus.Gan.Composing;

namespace Cantus.Gan.Tests.Composing;

/// <summary>The clean-up rules on hand-made score grids (steps × 128).</summary>
public sealed class VoiceCleanupTests
{
    private static float[] Grid(int steps, params (int Step, int Pitch, float Score)[] cells)
    {
        var g = new float[steps * 128];
        Array.Fill(g, -1f);
        foreach (var (s, p, v) in cells) g[s * 128 + p] = v;
        return g;
    }

    private static List<(int Step, int Pitch)> On(bool[] active) =>
        active.Select((a, i) => (a, i)).Where(x => x.a).Select(x => (x.i / 128, x.i % 128)).ToList();

    [Fact]
    public void Raw_KeepsEveryCellAboveTheThreshold()
    {
        var g = Grid(2, (0, 50, 0.5f), (0, 52, 0.1f), (1, 50, -0.2f));
        Assert.Equal([(0, 50), (0, 52)], On(VoiceCleanup.Apply(g, [-1, -1], [-1, -1], 0f, raw: true)));
        Assert.Equal([(0, 50), (0, 52), (1, 50)], On(VoiceCleanup.Apply(g, [-1, -1], [-1, -1], -0.3f, raw: true)));
    }

    [Fact]
    public void OnePitchPerStep_TheStrongest()
    {
        // Steps 0-1: 52 beats 50; step 2: only 50 → the 1-step 50 at step 2 is a fragment and goes.
        var g = Grid(3, (0, 50, 0.3f), (0, 52, 0.9f), (1, 50, 0.2f), (1, 52, 0.4f), (2, 50, 0.8f));
        Assert.Equal([(0, 52), (1, 52)], On(VoiceCleanup.Apply(g, [-1, -1, -1], [-1, -1, -1], 0f, raw: false)));
    }

    [Fact]
    public void VoicesAtOrAboveTheMelody_MoveDownByOctaves()
    {
        // Melody lowest pitch 60 at both steps; voice 64 → 52, 60 (a unison) → 48.
        var g = Grid(4, (0, 64, 0.5f), (1, 64, 0.5f), (2, 60, 0.5f), (3, 60, 0.5f));
        Assert.Equal([(0, 52), (1, 52), (2, 48), (3, 48)], On(VoiceCleanup.Apply(g, [60, 60, 60, 60], [60, 60, 60, 60], 0f, raw: false)));
    }

    [Fact]
    public void OneStepFragments_AreDropped_LongerNotesKept()
    {
        var g = Grid(6, (0, 40, 0.5f), (2, 41, 0.5f), (3, 41, 0.5f), (5, 43, 0.5f));
        Assert.Equal([(2, 41), (3, 41)], On(VoiceCleanup.Apply(g, [-1, -1, -1, -1, -1, -1], [-1, -1, -1, -1, -1, -1], 0f, raw: false)));
    }

    [Fact]
    public void ParallelFifthsAndOctaves_TakeTheNextCandidate()
    {
        // Melody 72 72 74 74; voice strongest 65 65 67 (a fifth below, moving up with it: parallel
        // fifths at step 2). Step 2's next candidate 64 (contrary motion) is taken, and held at step 3.
        var g = Grid(4, (0, 65, 0.9f), (1, 65, 0.9f), (2, 67, 0.9f), (2, 64, 0.5f), (3, 64, 0.9f));
        int[] m = [72, 72, 74, 74];
        Assert.Equal([(0, 65), (1, 65), (2, 64), (3, 64)], On(VoiceCleanup.Apply(g, m, m, 0f, raw: false)));
        // Without a second candidate the step rests; step 3 (67 against 74, melody not moving) is then a fragment.
        var alone = Grid(4, (0, 65, 0.9f), (1, 65, 0.9f), (2, 67, 0.9f), (3, 67, 0.9f));
        Assert.Equal([(0, 65), (1, 65)], On(VoiceCleanup.Apply(alone, m, m, 0f, raw: false)));
    }

    [Theory]
    [InlineData(72, 60, 74, 62, true)]   // octaves, both up
    [InlineData(72, 65, 71, 64, true)]   // fifths, both down
    [InlineData(72, 65, 74, 63, false)]  // contrary motion
    [InlineData(72, 60, 72, 62, false)]  // melody holds (oblique)
    [InlineData(72, 60, 74, 67, false)]  // octave to fifth
    [InlineData(72, 64, 74, 66, false)]  // parallel thirds are fine
    [InlineData(-1, 60, 74, 62, false)]  // melody silent before
    public void IsParallel_FollowsTheMetricsDefinition(int m0, int v0, int m1, int v1, bool expected)
    {
        Assert.Equal(expected, VoiceCleanup.IsParallel(m0, v0, m1, v1));
    }
}
