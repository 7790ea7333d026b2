using Cantus.Tensors.Autograd;
using Cantus.Tensors.Kernels;

namespace Cantus.Tensors.Ops;

/// <summary>Sums and broadcasts: <see cref="SumTo"/> and <see cref="Expand"/> are each other's adjoint.</summary>
internal static class ReductionOps
{
    /// <summary>Sums x down to <paramref name="shape"/> (x's shape must broadcast from it); accumulates in double.</summary>
    public static Tensor SumTo(Tensor x, TensorShape shape)
    {
        if (x.Shape.Equals(shape)) return x;
        var y = new Tensor(shape);
        BroadcastKernels.SumTo(x.AsReadOnlySpan(), x.Shape, shape, y.Span);
        return Tape.Record(y, "sum_to", [x], (g, n) => Derivatives.SumTo(g, x.Shape));
    }

    /// <summary>Repeats x along its size-1 (or missing leading) axes up to <paramref name="shape"/>.</summary>
    public static Tensor Expand(Tensor x, TensorShape shape)
    {
        if (x.Shape.Equals(shape)) return x;
        if (!TensorShape.Broadcast(x.Shape, shape).Equals(shape)) throw new ArgumentException($"Shape {x.Shape} does not broadcast to {shape}.", nameof(shape));
        var y = new Tensor(shape);
        BroadcastKernels.Expand(x.AsReadOnlySpan(), x.Shape, shape, y.Span);
        return Tape.Record(y, "expand", [x], (g, n) => Derivatives.Expand(g, x.Shape));
    }

    /// <summary>Sum over <paramref name="axes"/> (all axes when empty).</summary>
    public static Tensor Sum(Tensor x, ReadOnlySpan<int> axes, bool keepDims)
    {
        var (keep, dropped) = ReducedShapes(x.Shape, axes);
        var s = SumTo(x, keep);
        return keepDims ? s : ShapeOps.Reshape(s, dropped);
    }

    /// <summary>Mean over <paramref name="axes"/> (all axes when empty): sum / count.</summary>
    public static Tensor Mean(Tensor x, ReadOnlySpan<int> axes, bool keepDims)
    {
        var (keep, _) = ReducedShapes(x.Shape, axes);
        int count = keep.ElementCount == 0 ? 0 : x.Count / keep.ElementCount;
        return ElementwiseOps.MulScalar(Sum(x, axes, keepDims), count == 0 ? float.NaN : 1f / count);
    }

    /// <summary>The shape with the reduced axes set to 1, and with them removed.</summary>
    internal static (TensorShape Keep, TensorShape Dropped) ReducedShapes(TensorShape shape, ReadOnlySpan<int> axes)
    {
        var reduce = new bool[shape.Rank];
        if (axes.IsEmpty) Array.Fill(reduce, true);
        foreach (int a in axes)
        {
            int n = shape.NormalizeAxis(a);
            if (reduce[n]) throw new ArgumentException($"Axis {a} is listed twice.", nameof(axes));
            reduce[n] = true;
        }
        var keep = new int[shape.Rank];
        var dropped = new List<int>();
        for (int i = 0; i < shape.Rank; i++)
        {
            keep[i] = reduce[i] ? 1 : shape[i];
            if (!reduce[i]) dropped.Add(shape[i]);
        }
        return (new TensorShape(keep), new TensorShape(dropped.ToArray()));
    }
}
