using Cantus.Tensors.Autograd;
using Cantus.Tensors.Kernels;

namespace Cantus.Tensors.Ops;

/// <summary>Reshape (a view), concatenation, narrowing and 2-D transpose.</summary>
internal static class ShapeOps
{
    /// <summary>A view with a new shape and the same elements; one dimension may be −1 (inferred).</summary>
    public static Tensor Reshape(Tensor x, ReadOnlySpan<int> dims)
    {
        var d = dims.ToArray();
        int infer = -1, known = 1;
        for (int i = 0; i < d.Length; i++)
        {
            if (d[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException("Only one dimension may be -1.", nameof(dims));
                infer = i;
            }
            else
            {
                ArgumentOutOfRangeException.ThrowIfNegative(d[i], nameof(dims));
                known *= d[i];
            }
        }
        if (infer >= 0)
        {
            if (known == 0 || x.Count % known != 0) throw new ArgumentException($"Cannot infer -1 reshaping {x.Shape} to ({string.Join(", ", d)}).", nameof(dims));
            d[infer] = x.Count / known;
        }
        return Reshape(x, new TensorShape(d));
    }

    public static Tensor Reshape(Tensor x, TensorShape shape)
    {
        if (shape.ElementCount != x.Count) throw new ArgumentException($"Cannot reshape {x.Shape} ({x.Count} elements) to {shape}.", nameof(shape));
        if (shape.Equals(x.Shape)) return x;
        var y = new Tensor(shape, x.Storage);
        return Tape.Record(y, "reshape", [x], (g, n) => Derivatives.Reshape(g, x.Shape));
    }

    /// <summary>Joins tensors along <paramref name="axis"/>; all other dimensions must agree.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> xs, int axis)
    {
        ArgumentNullException.ThrowIfNull(xs);
        if (xs.Count == 0) throw new ArgumentException("Concat needs at least one tensor.", nameof(xs));
        var first = xs[0].Shape;
        int ax = first.NormalizeAxis(axis);
        int total = 0;
        foreach (var t in xs)
        {
            if (t.Rank != first.Rank) throw new ArgumentException($"Concat of {t.Shape} with {first}: ranks differ.", nameof(xs));
            for (int i = 0; i < first.Rank; i++)
                if (i != ax && t.Shape[i] != first[i]) throw new ArgumentException($"Concat along axis {ax} of {t.Shape} with {first}: axis {i} differs.", nameof(xs));
            total += t.Shape[ax];
        }
        var dims = first.ToArray();
        dims[ax] = total;
        var y = new Tensor(new TensorShape(dims));
        int outer = Outer(first, ax), inner = Inner(first, ax), offset = 0;
        var starts = new int[xs.Count];
        for (int k = 0; k < xs.Count; k++)
        {
            int width = xs[k].Shape[ax] * inner;
            starts[k] = offset / inner;
            ShapeKernels.CopyRows(xs[k].AsReadOnlySpan(), 0, width, y.Span, offset, total * inner, outer, width);
            offset += width;
        }
        var inputs = xs.ToArray();
        return Tape.Record(y, "concat", inputs, (g, needs) => Derivatives.Concat(g, inputs, ax, starts, needs));
    }

    /// <summary>Elements [start, start + length) along <paramref name="axis"/> (a copy).</summary>
    public static Tensor Narrow(Tensor x, int axis, int start, int length)
    {
        int ax = x.Shape.NormalizeAxis(axis);
        int size = x.Shape[ax];
        if (start < 0 || length < 0 || start + length > size)
            throw new ArgumentOutOfRangeException(nameof(start), $"Range [{start}, {start + length}) is outside axis {ax} of {x.Shape}.");
        if (start == 0 && length == size) return x;
        var dims = x.Shape.ToArray();
        dims[ax] = length;
        var y = new Tensor(new TensorShape(dims));
        int outer = Outer(x.Shape, ax), inner = Inner(x.Shape, ax);
        ShapeKernels.CopyRows(x.AsReadOnlySpan(), start * inner, size * inner, y.Span, 0, length * inner, outer, length * inner);
        return Tape.Record(y, "narrow", [x], (g, n) => [Derivatives.NarrowBackward(g, x.Shape, ax, start)]);
    }

    /// <summary>The transpose of a matrix (a copy).</summary>
    public static Tensor Transpose(Tensor x)
    {
        if (x.Rank != 2) throw new ArgumentException($"Transpose needs a matrix; got {x.Shape}.", nameof(x));
        var y = new Tensor(new TensorShape(x.Shape[1], x.Shape[0]));
        ShapeKernels.Transpose(x.AsReadOnlySpan(), x.Shape[0], x.Shape[1], y.Span);
        return Tape.Record(y, "transpose", [x], (g, n) => Derivatives.Transpose(g));
    }

    private static int Outer(TensorShape s, int axis)
    {
        int o = 1;
        for (int i = 0; i < axis; i++) o *= s[i];
        return o;
    }

    private static int Inner(TensorShape s, int axis)
    {
        int o = 1;
        for (int i = axis + 1; i < s.Rank; i++) o *= s[i];
        return o;
    }
}
