using System.Numerics.Tensors;
using Cantus.Tensors.Autograd;
using Cantus.Tensors.Kernels;

namespace Cantus.Tensors.Ops;

/// <summary>Elementwise forward ops (broadcasting binary ops, unary maps); backward rules are in <see cref="Derivatives"/>.</summary>
internal static class ElementwiseOps
{
    private delegate void BinaryKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y);

    private delegate void UnaryKernel(ReadOnlySpan<float> x, Span<float> y);

    public static Tensor Add(Tensor a, Tensor b) =>
        Binary(a, b, "add", (x, y, d) => TensorPrimitives.Add(x, y, d), (g, n) => Derivatives.Add(g, a, b, n));

    public static Tensor Sub(Tensor a, Tensor b) =>
        Binary(a, b, "sub", (x, y, d) => TensorPrimitives.Subtract(x, y, d), (g, n) => Derivatives.Sub(g, a, b, n));

    public static Tensor Mul(Tensor a, Tensor b) =>
        Binary(a, b, "mul", (x, y, d) => TensorPrimitives.Multiply(x, y, d), (g, n) => Derivatives.Mul(g, a, b, n));

    public static Tensor Div(Tensor a, Tensor b) =>
        Binary(a, b, "div", (x, y, d) => TensorPrimitives.Divide(x, y, d), (g, n) => Derivatives.Div(g, a, b, n));

    public static Tensor AddScalar(Tensor x, float s) =>
        Unary(x, "add_scalar", (a, d) => TensorPrimitives.Add(a, s, d), (g, y, n) => Derivatives.AddScalar(g));

    public static Tensor MulScalar(Tensor x, float s) =>
        Unary(x, "mul_scalar", (a, d) => TensorPrimitives.Multiply(a, s, d), (g, y, n) => Derivatives.MulScalar(g, s));

    public static Tensor Neg(Tensor x) =>
        Unary(x, "neg", (a, d) => TensorPrimitives.Negate(a, d), (g, y, n) => Derivatives.Neg(g));

    public static Tensor Square(Tensor x) =>
        Unary(x, "square", (a, d) => TensorPrimitives.Multiply(a, a, d), (g, y, n) => Derivatives.Square(g, x));

    public static Tensor Pow(Tensor x, float p) => p switch
    {
        2f => Square(x),
        _ => Unary(x, "pow", (a, d) => TensorPrimitives.Pow(a, p, d), (g, y, n) => Derivatives.Pow(g, x, p)),
    };

    public static Tensor Sqrt(Tensor x) =>
        Unary(x, "sqrt", (a, d) => TensorPrimitives.Sqrt(a, d), Derivatives.Sqrt);

    public static Tensor Exp(Tensor x) =>
        Unary(x, "exp", (a, d) => TensorPrimitives.Exp(a, d), Derivatives.Exp);

    public static Tensor Log(Tensor x) =>
        Unary(x, "log", (a, d) => TensorPrimitives.Log(a, d), (g, y, n) => Derivatives.Log(g, x));

    public static Tensor Tanh(Tensor x) =>
        Unary(x, "tanh", (a, d) => TensorPrimitives.Tanh(a, d), Derivatives.Tanh);

    public static Tensor Sigmoid(Tensor x) =>
        Unary(x, "sigmoid", (a, d) => TensorPrimitives.Sigmoid(a, d), Derivatives.Sigmoid);

    public static Tensor LeakyRelu(Tensor x, float slope) =>
        Unary(x, slope == 0 ? "relu" : "leaky_relu", (a, d) => ActivationKernels.LeakyRelu(a, slope, d), (g, y, n) => Derivatives.LeakyRelu(g, x, slope));

    /// <summary>
    /// dx = g·(x &gt; 0 ? 1 : slope), the backward of leaky ReLU as one op. It is linear in g
    /// (its own backward is itself, with the same x); x enters only through the mask, whose
    /// derivative is zero almost everywhere.
    /// </summary>
    public static Tensor LeakyReluBackward(Tensor g, Tensor x, float slope)
    {
        var y = new Tensor(g.Shape);
        float[] gv = g.Data, xv = x.Data, yv = y.Data;
        Split(g.Count, (i0, len) => ActivationKernels.LeakyReluBackward(gv.AsSpan(i0, len), xv.AsSpan(i0, len), slope, yv.AsSpan(i0, len)));
        return Tape.Record(y, "leaky_relu_backward", [g], (gg, n) => Derivatives.LeakyReluBackward(gg, x, slope));
    }

    /// <summary>Elementwise work below this many elements stays on the calling thread.</summary>
    private const int ParallelThreshold = 1 << 16;

    private static Tensor Binary(Tensor a, Tensor b, string name, BinaryKernel kernel, BackwardRule rule)
    {
        var shape = TensorShape.Broadcast(a.Shape, b.Shape);
        var y = new Tensor(shape);
        float[] av = Broadcasted(a, shape), bv = Broadcasted(b, shape), yv = y.Data;
        Split(y.Count, (i0, len) => kernel(av.AsSpan(i0, len), bv.AsSpan(i0, len), yv.AsSpan(i0, len)));
        return Tape.Record(y, name, [a, b], rule);
    }

    /// <summary>The operand's values at the output shape (materialised only when it differs).</summary>
    private static float[] Broadcasted(Tensor t, TensorShape shape)
    {
        if (t.Shape.Equals(shape)) return t.Data;
        var buffer = GC.AllocateUninitializedArray<float>(shape.ElementCount);
        BroadcastKernels.Expand(t.AsReadOnlySpan(), t.Shape, shape, buffer);
        return buffer;
    }

    private static Tensor Unary(Tensor x, string name, UnaryKernel kernel, Func<Tensor, Tensor, bool[], Tensor?[]> rule)
    {
        var y = new Tensor(x.Shape);
        float[] xv = x.Data, yv = y.Data;
        Split(x.Count, (i0, len) => kernel(xv.AsSpan(i0, len), yv.AsSpan(i0, len)));
        return Tape.Record(y, name, [x], (g, n) => rule(g, y, n));
    }

    /// <summary>Runs body(start, length) over [0, count) in fixed parts (elementwise: any split gives the same bits).</summary>
    private static void Split(int count, Action<int, int> body)
    {
        if (count < ParallelThreshold) body(0, count);
        else WorkPartition.For(count, WorkPartition.Parts(count), (_, i0, i1) => body(i0, i1 - i0));
    }
}
