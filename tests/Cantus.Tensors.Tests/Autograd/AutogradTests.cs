using Cantus.Tensors.Autograd;

namespace Cantus.Tensors.Tests.Autograd;

/// <summary>Semantics of the tape: hand-computed derivatives, accumulation, no-grad, views, errors.</summary>
public sealed class AutogradTests
{
    [Fact]
    public void HandComputed_Polynomial_FirstAndSecondDerivative()
    {
        // y = x³ + 3x at x = 2: y' = 3x² + 3 = 15, y'' = 6x = 12.
        var x = Tensor.Scalar(2f);
        x.RequiresGrad = true;
        var y = x.Pow(3) + x * 3f;
        var dy = Gradients.Grad(y, x, createGraph: true);
        Assert.Equal(15f, dy.Item(), 5);
        Assert.Equal(12f, Gradients.Grad(dy, x).Item(), 5);
    }

    [Fact]
    public void Backward_Accumulates_ZeroGradClears()
    {
        var w = Tensor.FromArray([1f, 2f], 2);
        w.RequiresGrad = true;
        (w * w).Sum().Backward(); // 2w
        (w * 3f).Sum().Backward(); // + 3
        Assert.Equal([5f, 7f], w.Grad!.ToArray());
    }

    [Fact]
    public void SharedInput_GradientsSumOverUses()
    {
        // y = x·x + x: dy/dx = 2x + 1 = 7 at 3.
        var x = Tensor.Scalar(3f);
        x.RequiresGrad = true;
        Assert.Equal(7f, Gradients.Grad(x * x + x, x).Item());
    }

    [Fact]
    public void NoGrad_RecordsNothing()
    {
        var x = Tensor.Ones(2);
        x.RequiresGrad = true;
        using (GradMode.NoGrad())
        {
            Assert.False(GradMode.IsEnabled);
            var y = x * 2f;
            Assert.Null(y.Node);
            Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        }
        Assert.True(GradMode.IsEnabled);
        Assert.NotNull((x * 2f).Node);
    }

    [Fact]
    public void WithoutCreateGraph_GradientHasNoGraph()
    {
        var x = Tensor.FromArray([1f, 2f], 2);
        x.RequiresGrad = true;
        var g = Gradients.Grad((x * x).Sum(), x);
        Assert.Null(g.Node);
        Assert.Equal([2f, 4f], g.ToArray());
    }

    [Fact]
    public void UnusedInput_GetsZeros()
    {
        var x = Tensor.Ones(3);
        var unused = Tensor.Ones(2);
        x.RequiresGrad = unused.RequiresGrad = true;
        var grads = Gradients.Grad([x.Sum()], [x, unused]);
        Assert.Equal([0f, 0f], grads[1].ToArray());
    }

    [Fact]
    public void Reshape_SharesStorage_DetachCutsGraph()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var v = x.Reshape(3, -1);
        Assert.Equal(new TensorShape(3, 2), v.Shape);
        x.Fill(9);
        Assert.Equal(9f, v[2, 1]);
        x.RequiresGrad = true;
        Assert.Null((x * 2f).Detach().Node);
    }

    [Fact]
    public void Errors_AreArgumentOrInvalidOperation()
    {
        var x = Tensor.Ones(2, 3);
        Assert.Throws<ArgumentException>(() => x + Tensor.Ones(4));
        Assert.Throws<ArgumentException>(() => x.Reshape(4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum([2]));
        Assert.Throws<ArgumentException>(() => Tensor.FromArray([1f, 2f], 3));
        x.RequiresGrad = true;
        Assert.Throws<InvalidOperationException>(() => (x * 2f).RequiresGrad = false);
        Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());
    }

    [Fact]
    public void Dropout_ZeroesAboutP_ScalesRest_GradientIsMask()
    {
        var x = Tensor.Ones(10_000);
        x.RequiresGrad = true;
        var y = Functional.Dropout(x, 0.25f, true, new SeededRandom(9));
        var v = y.ToArray();
        double zeroFraction = v.Count(a => a == 0) / 10_000.0;
        Assert.Equal(0.25, zeroFraction, 0.02);
        Assert.All(v.Where(a => a != 0), a => Assert.Equal(1f / 0.75f, a, 6));
        Assert.Equal(v, Gradients.Grad(y.Sum(), x).ToArray());
        Assert.Same(x, Functional.Dropout(x, 0.25f, false, new SeededRandom(9)));
    }
}
