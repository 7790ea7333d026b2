using Cantus.Tensors.Autograd;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Lab;

/// <summary>Same seed and thread count → bit-identical outputs and gradients of a whole critic step with penalty.</summary>
[Collection(EngineSettingsCollection.Name)]
public sealed class DeterminismTests
{
    private static (float[] Output, float[][] Grads) CriticStep(int threads)
    {
        int saved = EngineSettings.ThreadCount;
        try
        {
            EngineSettings.ThreadCount = threads;
            var r = new SeededRandom(123);
            var g = new LabGenerator(4, 4, 8, r);
            var d = new LabCritic(4, 4, 16, 64, r);
            var real = r.Uniform(new TensorShape(5, 4, 16, 64), -1, 1);
            var c = real.SliceChannels(0, 1);
            var fake = g.Forward(c, r.Normal(new TensorShape(5, 8, 1, 4)));
            var inter = (0.3f * real + 0.7f * fake).Detach();
            inter.RequiresGrad = true;
            var grad = Gradients.Grad(d.Forward(inter, c).Sum(), inter, createGraph: true);
            var loss = d.Forward(fake, c).Mean() - d.Forward(real, c).Mean() + ((grad.Flatten(1).Square().Sum([1]) + 1e-8f).Sqrt() - 1f).Square().Mean() * 10f;
            loss.Backward();
            return (fake.ToArray(), d.Parameters().Concat(g.Parameters()).Select(p => p.Grad!.ToArray()).ToArray());
        }
        finally { EngineSettings.ThreadCount = saved; }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SameSeedAndThreads_BitIdentical(int threads)
    {
        var a = CriticStep(threads);
        var b = CriticStep(threads);
        TensorAssert.BitEqual(a.Output, b.Output, "generator output");
        for (int i = 0; i < a.Grads.Length; i++) TensorAssert.BitEqual(a.Grads[i], b.Grads[i], $"gradient {i}");
    }

    [Fact]
    public void ThreadCounts_AgreeClosely()
    {
        var a = CriticStep(1);
        var b = CriticStep(2);
        TensorAssert.BitEqual(a.Output, b.Output, "generator output (forward is split by sample: identical)");
        for (int i = 0; i < a.Grads.Length; i++) TensorAssert.Close(a.Grads[i], b.Grads[i], 1e-5, 1e-4, $"gradient {i}");
    }
}
