using Cantus.Tensors.Ops;

namespace Cantus.Tensors;

// The differentiable math on Tensor. Binary ops broadcast by NumPy rules; every op
// records its backward rule (see Autograd/Derivatives.cs) when grad mode is on.
public sealed partial class Tensor
{
    /// <summary>a + b, broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => ElementwiseOps.Add(a, b);

    /// <summary>a − b, broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => ElementwiseOps.Sub(a, b);

    /// <summary>a · b elementwise, broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => ElementwiseOps.Mul(a, b);

    /// <summary>a / b elementwise, broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => ElementwiseOps.Div(a, b);

    /// <summary>x + s.</summary>
    public static Tensor operator +(Tensor x, float s) => ElementwiseOps.AddScalar(x, s);

    /// <summary>s + x.</summary>
    public static Tensor operator +(float s, Tensor x) => ElementwiseOps.AddScalar(x, s);

    /// <summary>x − s.</summary>
    public static Tensor operator -(Tensor x, float s) => ElementwiseOps.AddScalar(x, -s);

    /// <summary>s − x.</summary>
    public static Tensor operator -(float s, Tensor x) => ElementwiseOps.AddScalar(ElementwiseOps.Neg(x), s);

    /// <summary>x · s.</summary>
    public static Tensor operator *(Tensor x, float s) => ElementwiseOps.MulScalar(x, s);

    /// <summary>s · x.</summary>
    public static Tensor operator *(float s, Tensor x) => ElementwiseOps.MulScalar(x, s);

    /// <summary>x / s, computed as x · (1/s).</summary>
    public static Tensor operator /(Tensor x, float s) => ElementwiseOps.MulScalar(x, 1f / s);

    /// <summary>−x.</summary>
    public static Tensor operator -(Tensor x) => ElementwiseOps.Neg(x);

    /// <summary>x² elementwise.</summary>
    public Tensor Square() => ElementwiseOps.Square(this);

    /// <summary>xᵖ elementwise (p = 2 is computed as x·x).</summary>
    public Tensor Pow(float p) => ElementwiseOps.Pow(this, p);

    /// <summary>√x elementwise.</summary>
    public Tensor Sqrt() => ElementwiseOps.Sqrt(this);

    /// <summary>eˣ elementwise.</summary>
    public Tensor Exp() => ElementwiseOps.Exp(this);

    /// <summary>ln x elementwise.</summary>
    public Tensor Log() => ElementwiseOps.Log(this);

    /// <summary>tanh x elementwise.</summary>
    public Tensor Tanh() => ElementwiseOps.Tanh(this);

    /// <summary>1 / (1 + e⁻ˣ) elementwise.</summary>
    public Tensor Sigmoid() => ElementwiseOps.Sigmoid(this);

    /// <summary>max(x, 0) elementwise; the derivative at 0 is 0 (as PyTorch).</summary>
    public Tensor Relu() => ElementwiseOps.LeakyRelu(this, 0f);

    /// <summary>x &gt; 0 ? x : slope·x elementwise; the derivative at 0 is slope (as PyTorch).</summary>
    public Tensor LeakyRelu(float slope) => ElementwiseOps.LeakyRelu(this, slope);

    /// <summary>Sum of all elements, a rank-0 tensor (accumulated in double).</summary>
    public Tensor Sum() => ReductionOps.Sum(this, [], false);

    /// <summary>Sum over <paramref name="axes"/> (negative counts from the end).</summary>
    /// <exception cref="ArgumentException">An axis is repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is out of range.</exception>
    public Tensor Sum(ReadOnlySpan<int> axes, bool keepDims = false) => ReductionOps.Sum(this, axes, keepDims);

    /// <summary>Mean of all elements, a rank-0 tensor.</summary>
    public Tensor Mean() => ReductionOps.Mean(this, [], false);

    /// <summary>Mean over <paramref name="axes"/>.</summary>
    public Tensor Mean(ReadOnlySpan<int> axes, bool keepDims = false) => ReductionOps.Mean(this, axes, keepDims);

    /// <summary>A view with another shape (one dimension may be −1); shares storage.</summary>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public Tensor Reshape(params ReadOnlySpan<int> shape) => ShapeOps.Reshape(this, shape);

    /// <summary>A view merging axes from <paramref name="startAxis"/> on: (N, C, H, W).Flatten(1) is (N, C·H·W).</summary>
    public Tensor Flatten(int startAxis = 1)
    {
        int start = Shape.NormalizeAxis(startAxis);
        var dims = new int[start + 1];
        for (int i = 0; i < start; i++) dims[i] = Shape[i];
        int rest = 1;
        for (int i = start; i < Rank; i++) rest *= Shape[i];
        dims[start] = rest;
        return ShapeOps.Reshape(this, new TensorShape(dims));
    }

    /// <summary>Elements [start, start + length) along <paramref name="axis"/> (a copy).</summary>
    public Tensor Narrow(int axis, int start, int length) => ShapeOps.Narrow(this, axis, start, length);

    /// <summary>Channels [start, start + count) of an (N, C, ...) tensor.</summary>
    public Tensor SliceChannels(int start, int count) => ShapeOps.Narrow(this, 1, start, count);

    /// <summary>Joins tensors along <paramref name="axis"/> (default: channels of NCHW).</summary>
    /// <exception cref="ArgumentException">The list is empty or other dimensions differ.</exception>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = 1) => ShapeOps.Concat(tensors, axis);

    /// <summary>Matrix product (M×K)·(K×N).</summary>
    public Tensor MatMul(Tensor other) => MatMulOps.MatMul(this, other, false, false);

    /// <summary>Transpose of a matrix.</summary>
    public Tensor Transpose() => ShapeOps.Transpose(this);

    /// <summary>This tensor repeated along size-1 axes up to <paramref name="shape"/>.</summary>
    public Tensor Expand(TensorShape shape) => ReductionOps.Expand(this, shape);

    /// <summary>This tensor summed down to <paramref name="shape"/> (the adjoint of <see cref="Expand"/>).</summary>
    public Tensor SumTo(TensorShape shape) => ReductionOps.SumTo(this, shape);
}
