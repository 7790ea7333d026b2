using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;
using Xunit.Abstractions;

namespace Cantus.Music.Tests.Metrics;

/// <summary>
/// The similarity index on real data: two splits of Bach's chorales must look far more alike
/// than Bach and random notes (issue 2: 1 = indistinguishable profiles).
/// </summary>
public class SimilarityIndexTests_Jsb(ITestOutputHelper output)
{
    [Fact]
    public void BachSplitsAreCloserToEachOtherThanToNoise()
    {
        var test = SetMetrics.Compute(JsbChoraleWindows.Load("test"));
        var valid = SetMetrics.Compute(JsbChoraleWindows.Load("valid"));
        var noise = SetMetrics.Compute(Noise(test.Samples, seed: 11));

        var bach = SimilarityIndex.Compute(valid, test).Index!.Value;
        var random = SimilarityIndex.Compute(noise, test).Index!.Value;
        output.WriteLine($"SI(valid → test) = {bach:F4}, SI(noise → test) = {random:F4}");
        Assert.InRange(bach, 0.85, 1.0);
        Assert.True(random < bach - 0.3, $"noise {random:F4} vs Bach {bach:F4}");
    }

    /// <summary>Four voices of one random pitch per step in a 4-octave range, held 1..4 steps.</summary>
    private static List<Multitrack> Noise(int count, int seed)
    {
        var rng = new Random(seed);
        var samples = new List<Multitrack>(count);
        for (var i = 0; i < count; i++)
        {
            var m = new Multitrack(32);
            for (var v = 0; v < 4; v++)
            {
                var track = m.AddTrack();
                for (var t = 0; t < 32;)
                {
                    var pitch = 40 + rng.Next(48);
                    var length = 1 + rng.Next(4);
                    for (var s = t; s < Math.Min(32, t + length); s++) track[s, pitch] = 100;
                    t += length;
                }
            }
            samples.Add(m);
        }
        return samples;
    }
}
