using Cantus.Tensors.Autograd;
using Cantus.Tensors.Optim;
using Cantus.Tensors.Tests.Lab;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Autograd;

public sealed class TensorScopeTests
{
    [Fact]
    public void EndedScope_TensorsRefuseAccess_KeptOnesSurvive()
    {
        var x = Tensor.FromArray([1f, 2f, 3f], 3);
        Tensor inside, kept;
        using (var scope = TensorScope.Begin())
        {
            inside = x * 2f;
            kept = scope.Keep(x + 1f);
            Assert.Equal([2f, 4f, 6f], inside.ToArray());
        }
        Assert.Throws<ObjectDisposedException>(() => inside.ToArray());
        Assert.Throws<ObjectDisposedException>(() => inside.Sum());
        Assert.Equal([2f, 3f, 4f], kept.ToArray());
        Assert.Equal([1f, 2f, 3f], x.ToArray()); // created outside: untouched
    }

    [Fact]
    public void SecondScope_ReusesTheArrays()
    {
        var x = Tensor.FromArray(new float[1000], 1000);
        float[] first, second;
        using (TensorScope.Begin()) first = (x + 1f).Data;
        using (TensorScope.Begin()) second = (x + 2f).Data;
        Assert.Same(first, second);
    }

    [Fact]
    public void NestedScopes_KeepMovesOutward()
    {
        var x = Tensor.Ones(4);
        Tensor kept;
        using (TensorScope.Begin())
        {
            using (var inner = TensorScope.Begin()) kept = inner.Keep(x * 3f);
            Assert.Equal(3f, kept[2]);
        }
        Assert.Throws<ObjectDisposedException>(() => kept.ToArray());
    }

    [Fact]
    public void TrainingSteps_InScopes_BitIdenticalToUnscoped()
    {
        float[][] Run(bool scoped)
        {
            var r = new SeededRandom(5);
            var d = new LabCritic(4, 4, 16, 64, r);
            var adam = new Adam(d.NamedParameters(), 1e-3f, 0.5f, 0.9f);
            var real = r.Uniform(new TensorShape(3, 4, 16, 64), -1, 1);
            var fake = r.Uniform(new TensorShape(3, 4, 16, 64), -1, 1);
            var c = real.SliceChannels(0, 1);
            for (int step = 0; step < 3; step++)
            {
                using var scope = scoped ? TensorScope.Begin() : null;
                var inter = (0.4f * real + 0.6f * fake).Detach();
                inter.RequiresGrad = true;
                var g = Gradients.Grad(d.Forward(inter, c).Sum(), inter, createGraph: true);
                var loss = d.Forward(fake, c).Mean() - d.Forward(real, c).Mean() + ((g.Flatten(1).Square().Sum([1]) + 1e-8f).Sqrt() - 1f).Square().Mean() * 10f;
                adam.ZeroGrad();
                loss.Backward();
                adam.Step();
            }
            return d.Parameters().Select(p => p.ToArray()).ToArray();
        }
        var plain = Run(false);
        var scoped = Run(true);
        for (int i = 0; i < plain.Length; i++) TensorAssert.BitEqual(plain[i], scoped[i], $"parameter {i}");
    }
}
