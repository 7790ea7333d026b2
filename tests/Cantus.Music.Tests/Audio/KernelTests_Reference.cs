using Cantus.Music.Audio.Synthesis;

namespace Cantus.Music.Tests.Audio;

/// <summary>Optimised kernels against their scalar references, on lengths around the SIMD width and block size.</summary>
public class KernelTests_Reference
{
    public static TheoryData<int> Lengths => new() { 1, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 127, 128, 129 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MixerMatchesScalarReference(int n)
    {
        var random = new Random(n);
        var block = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        foreach (var (reverbSend, chorusSend) in new[] { (0f, 0f), (0.3f, 0.05f) })
        {
            var fast = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, n).Select(i => i * 0.001f).ToArray()).ToArray();
            var slow = fast.Select(a => (float[])a.Clone()).ToArray();
            Mixer.MixRamped(block, 0.2f, 0.9f, 0.6f, 0.8f, reverbSend, chorusSend, fast[0], fast[1], fast[2], fast[3]);
            Mixer.MixRampedReference(block, 0.2f, 0.9f, 0.6f, 0.8f, reverbSend, chorusSend, slow[0], slow[1], slow[2], slow[3]);
            for (var bus = 0; bus < 4; bus++)
            {
                var maxDiff = fast[bus].Zip(slow[bus], (a, b) => Math.Abs(a - b)).Max();
                Assert.True(maxDiff < 1e-5, $"n={n} bus {bus}: max diff {maxDiff}, first fast {fast[bus][0]} slow {slow[bus][0]}");
            }
        }
    }

    [Fact]
    public void MixerRampEndsAtTheTargetGain()
    {
        // Hand-computed: 4 samples of 1.0, gain 0 → 1: g = 0.25, 0.5, 0.75, 1.
        var left = new float[4];
        Mixer.MixRamped([1f, 1f, 1f, 1f], 0, 1, 1, 0, 0, 0, left, new float[4], new float[4], new float[4]);
        Assert.Equal([0.25f, 0.5f, 0.75f, 1f], left);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void InterpolationMatchesScalarReference(int n)
    {
        var random = new Random(100 + n);
        var data = Enumerable.Range(0, 4000).Select(_ => (short)random.Next(-32768, 32768)).ToArray();
        foreach (var step in new[] { 0.25, 0.999, 1.0, 1.37, 7.9 })
        {
            double p1 = 12.3, p2 = 12.3;
            var fast = new float[n];
            var slow = new float[n];
            SampleOscillator.Interpolate(data, fast, ref p1, step);
            SampleOscillator.InterpolateReference(data, slow, ref p2, step);
            var maxDiff = fast.Zip(slow, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff < 1e-4, $"n={n} step {step}: max diff {maxDiff}");
            Assert.Equal(p2, p1, 6);
        }
    }

    [Fact]
    public void LoopWrapsAndNoLoopStopsLikeAHandComputedReference()
    {
        // data[i] = 1000·i; loop [4, 8) played at step 1.5 from 0: positions 0, 1.5, 3, 4.5, 6, 7.5, 5 (9 − 4), 6.5, 4 (8 − 4).
        var data = Enumerable.Range(0, 12).Select(i => (short)(1000 * i)).ToArray();
        var osc = new SampleOscillator();
        osc.Start(data, 0, 10, 4, 8, LoopMode.Continuous);
        var output = new float[9];
        osc.Render(output, 1.5);
        double[] positions = [0, 1.5, 3, 4.5, 6, 7.5, 5, 6.5, 4];
        for (var i = 0; i < positions.Length; i++) Assert.Equal(positions[i] * 1000 / 32768, output[i], 5);

        // Without a loop the sample ends at 10: positions 0, 3, 6, 9, then zeros.
        osc.Start(data, 0, 10, 4, 8, LoopMode.NoLoop);
        output = new float[6];
        osc.Render(output, 3);
        Assert.Equal([0f, 3000 / 32768f, 6000 / 32768f, 9000 / 32768f, 0, 0], output);
        Assert.True(osc.Finished);
    }

    [Fact]
    public void OscillatorRejectsBoundsWithoutAGuardPoint() =>
        Assert.Throws<ArgumentException>(() => new SampleOscillator().Start(new short[10], 0, 9, 0, 0, LoopMode.NoLoop));
}
