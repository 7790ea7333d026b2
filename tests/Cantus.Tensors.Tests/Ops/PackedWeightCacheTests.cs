using Cantus.Tensors.Autograd;
using Cantus.Tensors.Optim;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Ops;

/// <summary>Cached packed weights never serve stale values: every in-place write invalidates them.</summary>
public sealed class PackedWeightCacheTests
{
    private static (Tensor X, Tensor W) Setup()
    {
        var r = new SeededRandom(4);
        var x = r.Uniform(new TensorShape(2, 3, 4, 6), -1, 1);
        var w = r.Uniform(new TensorShape(5, 3, 4, 4), -1, 1);
        w.RequiresGrad = true;
        return (x, w);
    }

    private static Tensor Conv(Tensor x, Tensor w) => Functional.Conv2d(x, w, null, 1, Padding2d.Same(4, 6, 4, 1));

    private static Tensor FreshConv(Tensor x, Tensor w) => Conv(x, w.Clone()); // a new storage: nothing cached

    [Fact]
    public void CopyFrom_Fill_Invalidate()
    {
        var (x, w) = Setup();
        Conv(x, w);
        w.CopyFrom(new SeededRandom(9).Uniform(w.Shape, -1, 1).AsReadOnlySpan());
        TensorAssert.BitEqual(FreshConv(x, w).AsReadOnlySpan(), Conv(x, w).AsReadOnlySpan(), "after CopyFrom");
        w.Fill(0.5f);
        TensorAssert.BitEqual(FreshConv(x, w).AsReadOnlySpan(), Conv(x, w).AsReadOnlySpan(), "after Fill");
    }

    [Fact]
    public void AdamStep_Invalidates_ForwardAndUpsampleAndTransposedForms()
    {
        var (x, w) = Setup();
        using (GradMode.NoGrad())
        {
            Conv(x, w);
            Functional.UpsampleConv2d(x, w, null);
        }
        var y = Conv(x, w);
        var dx = Gradients.Grad(y.Sum(), x.RequiresGrad ? x : Leaf(x)); // warms the transposed cache
        var adam = new Adam([new("w", w)], 0.1f);
        w.Grad = Tensor.Full(1f, w.Shape.Dimensions);
        adam.Step();
        TensorAssert.BitEqual(FreshConv(x, w).AsReadOnlySpan(), Conv(x, w).AsReadOnlySpan(), "conv after Adam");
        TensorAssert.BitEqual(Functional.UpsampleConv2d(x, w.Clone(), null).AsReadOnlySpan(), Functional.UpsampleConv2d(x, w, null).AsReadOnlySpan(), "upsample conv after Adam");
        var xl = Leaf(x);
        TensorAssert.BitEqual(Gradients.Grad(Conv(xl, w.Clone()).Sum(), xl).AsReadOnlySpan(), Gradients.Grad(Conv(xl, w).Sum(), xl).AsReadOnlySpan(), "input grad after Adam");
        Assert.NotNull(dx);
    }

    [Fact]
    public void WriteThroughReshapeView_Invalidates()
    {
        var (x, w) = Setup();
        Conv(x, w);
        var view = w.Detach().Reshape(-1);
        view.Fill(-0.25f);
        TensorAssert.BitEqual(FreshConv(x, w).AsReadOnlySpan(), Conv(x, w).AsReadOnlySpan(), "after writing through a view");
    }

    private static Tensor Leaf(Tensor t)
    {
        var l = t.Clone();
        l.RequiresGrad = true;
        return l;
    }
}
