using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>
/// The per-track metrics against a literal, cell-by-cell transcription of the issue's
/// definitions on seeded random rolls of awkward lengths (partial bars, empty bars, chords).
/// </summary>
public class TrackMetricsTests_Definitions
{
    private static readonly int[] CMajor = [0, 2, 4, 5, 7, 9, 11];

    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (var steps in new[] { 0, 1, 15, 16, 17, 33, 64, 95 })
        {
            for (var seed = 0; seed < 4; seed++) data.Add(steps, seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchLiteralDefinitions(int steps, int seed)
    {
        var x = RandomTrack(steps, seed);
        bool A(int t, int p) => x.IsActive(t, p);
        var bars = steps / 16;
        var cells = (from t in Enumerable.Range(0, steps) from p in Enumerable.Range(0, 128) where A(t, p) select (t, p)).ToList();
        var perStep = Enumerable.Range(0, steps).Select(t => Enumerable.Range(0, 128).Count(p => A(t, p))).ToList();
        List<(int t, int p)> BarCells(int b) => [.. cells.Where(c => c.t / 16 == b)];

        Check(bars == 0 ? null : (double)Enumerable.Range(0, bars).Count(b => BarCells(b).Count == 0) / bars, TrackMetrics.EmptyBarRate(x));
        Check(bars == 0 ? null : Enumerable.Range(0, bars).Average(b => BarCells(b).Select(c => c.p).Distinct().Count()), TrackMetrics.PitchesUsed(x));
        Check(bars == 0 ? null : Enumerable.Range(0, bars).Average(b => BarCells(b).Select(c => c.p % 12).Distinct().Count()), TrackMetrics.PitchClassesUsed(x));
        Check(steps == 0 ? null : (double)perStep.Count(n => n > 2) / steps, TrackMetrics.PolyphonicRate(x));
        Check(cells.Count == 0 ? null : (double)cells.Count(c => CMajor.Contains(c.p % 12)) / cells.Count, TrackMetrics.InScaleRate(x));
        Check(cells.Count == 0 ? null : Enumerable.Range(0, 12).Max(k => (double)cells.Count(c => CMajor.Contains((c.p - k + 12) % 12)) / cells.Count), TrackMetrics.ScaleConsistency(x));
        Check(perStep.Any(n => n > 0) ? perStep.Where(n => n > 0).Average() : null, TrackMetrics.Polyphony(x));

        var notes = new List<int>(); // lengths of maximal runs
        for (var p = 0; p < 128; p++)
        {
            for (var t = 0; t < steps; t++)
            {
                if (!A(t, p) || (t > 0 && A(t - 1, p))) continue;
                var end = t;
                while (end < steps && A(end, p)) end++;
                notes.Add(end - t);
            }
        }
        Check(notes.Count == 0 ? null : (double)notes.Count(n => n >= 2) / notes.Count, TrackMetrics.QualifiedNoteRate(x));

        double? entropy = null;
        if (cells.Count > 0)
        {
            entropy = -cells.GroupBy(c => c.p % 12).Select(g => (double)g.Count() / cells.Count).Sum(q => q * Math.Log(q) / Math.Log(2));
        }
        Check(entropy, TrackMetrics.PitchClassEntropy(x));
    }

    private static void Check(double? expected, double? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.Value, actual.Value, 12);
    }

    /// <summary>Random notes and chords with whole bars left empty now and then.</summary>
    private static PianoRollTrack RandomTrack(int steps, int seed)
    {
        var rng = new Random(seed * 1000 + steps);
        var x = new PianoRollTrack(steps);
        var silentBar = rng.Next(3);
        for (var t = 0; t < steps;)
        {
            var length = 1 + rng.Next(5);
            if (t / 16 % 3 != silentBar)
            {
                var voices = rng.Next(5); // 0 = rest, up to 4-note chords
                for (var v = 0; v < voices; v++) x.Note(36 + rng.Next(50), t, Math.Min(length, steps - t));
            }
            t += length;
        }
        return x;
    }
}
