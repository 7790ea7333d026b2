using Cantus.Gan.Evaluation;
using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void Baseline_CopiesTheMelodyAFourthAnOctaveAndTwoOctavesDown()
    {
        var window = new Multitrack(4);
        var melody = window.AddTrack("s");
        melody[0, 72] = 90;
        melody[1, 72] = 90;
        melody[3, 20] = 70; // two octaves down would be −4: dropped
        var b = Evaluator.Baseline(window);
        Assert.Equal(4, b.Tracks.Count);
        Assert.True(b.Tracks[1].IsActive(0, 67) && b.Tracks[2].IsActive(1, 60) && b.Tracks[3].IsActive(0, 48));
        Assert.True(b.Tracks[2].IsActive(3, 8));
        Assert.False(b.Tracks[3].StepCells(3).ContainsAnyExcept((byte)0));
        // The baseline's octave voices move in parallel octaves with the melody wherever both move.
        Assert.Equal(0.0, HarmonyMetrics.ConsonanceRate(b.Tracks[0], b.Tracks[1])); // a fourth is dissonant against the melody
        Assert.Equal(1.0, HarmonyMetrics.ConsonanceRate(b.Tracks[0], b.Tracks[2]));
    }

    [Fact]
    public void VoiceSimilarity_IgnoresTheMelodyTrack()
    {
        // Same melodies, voices: one set always silent in track 1, the other always sounding: the
        // overlap of track 0 is 1 everywhere, so a full-index mean would be higher than the voices'.
        static Multitrack Sample(bool voice)
        {
            var m = new Multitrack(16);
            var s = m.AddTrack();
            for (var t = 0; t < 16; t++) s[t, 70] = 80;
            var v = m.AddTrack();
            if (voice) for (var t = 0; t < 16; t++) v[t, 50 + t % 3] = 80;
            return m;
        }
        var a = SetMetrics.Compute(Enumerable.Range(0, 4).Select(_ => Sample(true)));
        var b = SetMetrics.Compute(Enumerable.Range(0, 4).Select(_ => Sample(false)));
        var voices = VoiceSimilarity.Compute(a, b);
        var all = SimilarityIndex.Compute(a, b).Index;
        Assert.NotNull(voices);
        Assert.True(voices < all, $"voices {voices} vs all {all}");
        Assert.Equal(1.0, VoiceSimilarity.Compute(a, a));
    }
}
