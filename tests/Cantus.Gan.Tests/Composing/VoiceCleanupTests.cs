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
        // Steps 0-1: 52 beats 50; step 2: only 50, which alone would be a one-step fragment, and
        // 50 at all three steps (0.3 + 0.2 + 0.5) scores less than 52 52 (0.9 + 0.4).
        var g = Grid(3, (0, 50, 0.3f), (0, 52, 0.9f), (1, 50, 0.2f), (1, 52, 0.4f), (2, 50, 0.5f));
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

    [Fact]
    public void AWeakFragment_GivesWayToTheSecondCandidate()
    {
        // Step 2's strongest cell (62) would be a one-step note between 60 and 64; holding 60
        // (its second candidate) keeps the line going instead of leaving a rest.
        var g = Grid(5, (0, 60, 0.9f), (1, 60, 0.9f), (2, 62, 0.6f), (2, 60, 0.5f), (3, 64, 0.9f), (4, 64, 0.9f));
        int[] none = [-1, -1, -1, -1, -1];
        Assert.Equal([(0, 60), (1, 60), (2, 60), (3, 64), (4, 64)], On(VoiceCleanup.Apply(g, none, none, 0f, raw: false)));
    }

    [Fact]
    public void KeyPenalty_PrefersTheInKeyCandidate_UnlessTheOffKeyOneIsClear()
    {
        // C major around; the generator slightly prefers F# (66) over G (67).
        var g = Grid(2, (0, 66, 0.5f), (0, 67, 0.4f), (1, 66, 0.5f), (1, 67, 0.4f));
        int[] none = [-1, -1];
        int[] scale = [MelodyScale.CMajor, MelodyScale.CMajor];
        Assert.Equal([(0, 66), (1, 66)], On(VoiceCleanup.Apply(g, none, none, 0f, raw: false)));
        Assert.Equal([(0, 67), (1, 67)], On(VoiceCleanup.Apply(g, none, none, 0f, raw: false, scale, keyPenalty: 0.25f)));
        // A clear F# (0.9 against 0.4) survives the same penalty; no scale known (0): no penalty.
        var clear = Grid(2, (0, 66, 0.9f), (0, 67, 0.4f), (1, 66, 0.9f), (1, 67, 0.4f));
        Assert.Equal([(0, 66), (1, 66)], On(VoiceCleanup.Apply(clear, none, none, 0f, raw: false, scale, keyPenalty: 0.25f)));
        Assert.Equal([(0, 66), (1, 66)], On(VoiceCleanup.Apply(g, none, none, 0f, raw: false, [0, 0], keyPenalty: 0.25f)));
    }

    [Fact]
    public void ThresholdMinusOne_NeverRests_WhereAnyCellIsScored()
    {
        // Every cell below 0: the lab's threshold gives silence, −1 a line through the least bad cells.
        var g = Grid(4, (0, 50, -0.6f), (1, 50, -0.5f), (2, 52, -0.4f), (3, 52, -0.3f));
        int[] none = [-1, -1, -1, -1];
        Assert.Empty(On(VoiceCleanup.Apply(g, none, none, 0f, raw: false)));
        Assert.Equal([(0, 50), (1, 50), (2, 52), (3, 52)], On(VoiceCleanup.Apply(g, none, none, -1f, raw: false)));
    }

    [Fact]
    public void Decode_FindsTheBestLine_AgainstExhaustiveSearch()
    {
        // Reference: every line over {rest} ∪ the step's candidates, kept if it obeys the rules
        // (notes of two steps or more, no parallels), valued by its summed margins.
        var random = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var steps = random.Next(1, 7);
            var g = new float[steps * 128];
            Array.Fill(g, float.NegativeInfinity);
            int[] pool = [55, 57, 60, 62, 67, 69];
            for (var t = 0; t < steps; t++)
                foreach (var p in pool)
                    if (random.Next(3) > 0) g[t * 128 + p] = (float)(random.NextDouble() * 2 - 1);
            var melody = Enumerable.Range(0, steps).Select(_ => random.Next(4) == 0 ? -1 : 62 + random.Next(12)).ToArray();
            var threshold = (float)(random.NextDouble() * 0.4 - 0.2);
            var penalty = random.Next(2) == 0 ? 0f : (float)random.NextDouble();
            var scale = Enumerable.Range(0, steps).Select(_ => random.Next(4) == 0 ? 0 : MelodyScale.Major(random.Next(12))).ToArray();
            var candidates = Enumerable.Range(0, steps).Select(t => Candidates(g, t, melody[t], threshold, scale[t], penalty)).ToArray();
            var bestValue = double.NegativeInfinity;
            var line = new int[steps];
            void Search(int t)
            {
                if (t == steps)
                {
                    if (Valid(line, melody)) bestValue = Math.Max(bestValue, Value(line, candidates));
                    return;
                }
                line[t] = -1;
                Search(t + 1);
                foreach (var p in candidates[t].Keys)
                {
                    line[t] = p;
                    Search(t + 1);
                }
            }
            Search(0);
            var decoded = VoiceCleanup.Decode(g, melody, melody, threshold, scale, penalty);
            Assert.True(Valid(decoded, melody), $"trial {trial}: the decoded line breaks a rule");
            Assert.Equal(bestValue, Value(decoded, candidates), 6);
        }
    }

    private static Dictionary<int, double> Candidates(float[] g, int t, int melodyLowest, float threshold, int scale, float penalty)
    {
        var c = new Dictionary<int, double>();
        bool Off(int pitch) => scale != 0 && (scale >> (pitch % 12) & 1) == 0;
        for (var p = 0; p < 128; p++)
        {
            var s = g[t * 128 + p];
            if (float.IsNegativeInfinity(s)) continue;
            var q = p;
            if (melodyLowest >= 0)
                while (q >= melodyLowest) q -= 12;
            if (c.TryGetValue(q, out var old) && s - threshold <= old + (Off(q) ? penalty : 0)) continue;
            c[q] = s - threshold - (Off(q) ? penalty : 0);
        }
        return c;
    }

    private static bool Valid(int[] line, int[] melody)
    {
        for (var t = 0; t < line.Length; t++)
        {
            if (line[t] < 0) continue;
            var starts = t == 0 || line[t - 1] != line[t];
            var ends = t == line.Length - 1 || line[t + 1] != line[t];
            if (starts && ends) return false;
            if (t > 0 && VoiceCleanup.IsParallel(melody[t - 1], line[t - 1], melody[t], line[t])) return false;
        }
        return true;
    }

    private static double Value(int[] line, Dictionary<int, double>[] candidates) =>
        line.Select((p, t) => p < 0 ? 0 : candidates[t][p]).Sum();

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
