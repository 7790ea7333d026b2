using Cantus.Tensors.Autograd;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Autograd;

/// <summary>
/// The engine's analytic gradients (float32) against central finite differences of
/// independent double-precision definitions (<see cref="DoubleReference"/>, h = 1e-6, so the
/// difference error ~1e-10 is far below float32 resolution). Inputs are float values, so
/// both sides see the same numbers. Tolerance 1e-4 of the gradient's largest magnitude plus
/// 1e-3 relative: float32 accumulation error, not an approximation budget.
/// </summary>
public sealed class GradCheckTests_FiniteDifferences
{
    private const double H = 1e-6;

    private static Tensor Rand(SeededRandom r, float lo, float hi, params int[] shape)
    {
        var t = r.Uniform(new TensorShape(shape), lo, hi);
        t.RequiresGrad = true;
        return t;
    }

    private static double[] D(Tensor t) => t.ToArray().Select(v => (double)v).ToArray();

    /// <summary>Checks forward and ∂(Σ y·r)/∂xᵢ for every input against the double reference.</summary>
    private static void Check(Tensor[] xs, Func<Tensor[], Tensor> op, Func<double[][], double[]> reference, string what)
    {
        var y = op(xs);
        var r = new SeededRandom(77).Uniform(y.Shape, -1, 1);
        var grads = Gradients.Grad([y], xs, [r]);
        var inputs = xs.Select(D).ToArray();
        var yRef = reference(inputs);
        TensorAssert.Close(yRef.Select(v => (float)v).ToArray(), y.ToArray(), 1e-5, 1e-5, what + " forward");
        double[] rd = D(r);
        double Loss(double[][] a) => reference(a).Select((v, i) => v * rd[i]).Sum();
        for (int i = 0; i < xs.Length; i++)
        {
            var numeric = DoubleReference.NumericalGradient(Loss, inputs, i, H);
            var expected = Tensor.FromArray(numeric.Select(v => (float)v).ToArray(), xs[i].Shape.Dimensions);
            TensorAssert.Close(expected, grads[i], 1e-4 * Math.Max(1, numeric.Max(Math.Abs)), 1e-3, $"{what} d/dinput{i}");
        }
    }

    [Fact]
    public void Conv2d_SameStride2()
    {
        var r = new SeededRandom(1);
        Tensor x = Rand(r, -1, 1, 2, 2, 5, 6), w = Rand(r, -0.5f, 0.5f, 3, 2, 4, 4), b = Rand(r, -1, 1, 3);
        var pad = Padding2d.Same(5, 6, 4, 2);
        Check([x, w, b], t => Functional.Conv2d(t[0], t[1], t[2], 2, pad),
            a => DoubleReference.Conv2d(a[0], [2, 2, 5, 6], a[1], [3, 2, 4, 4], a[2], 2, pad, out _), "conv2d");
    }

    [Fact]
    public void Linear()
    {
        var r = new SeededRandom(2);
        Tensor x = Rand(r, -1, 1, 3, 5), w = Rand(r, -1, 1, 4, 5), b = Rand(r, -1, 1, 4);
        Check([x, w, b], t => Functional.Linear(t[0], t[1], t[2]), a => DoubleReference.Linear(a[0], 3, 5, a[1], 4, a[2]), "linear");
    }

    [Fact]
    public void SmoothUnaryOps()
    {
        var r = new SeededRandom(3);
        Check([Rand(r, -2, 2, 7)], t => t[0].Tanh(), a => DoubleReference.Map(a[0], Math.Tanh), "tanh");
        Check([Rand(r, -2, 2, 7)], t => t[0].Sigmoid(), a => DoubleReference.Map(a[0], v => 1 / (1 + Math.Exp(-v))), "sigmoid");
        Check([Rand(r, -2, 2, 7)], t => t[0].Exp(), a => DoubleReference.Map(a[0], Math.Exp), "exp");
        Check([Rand(r, 0.5f, 2, 7)], t => t[0].Log(), a => DoubleReference.Map(a[0], Math.Log), "log");
        Check([Rand(r, 0.5f, 2, 7)], t => t[0].Sqrt(), a => DoubleReference.Map(a[0], Math.Sqrt), "sqrt");
        Check([Rand(r, 0.5f, 2, 7)], t => t[0].Pow(1.5f), a => DoubleReference.Map(a[0], v => Math.Pow(v, 1.5)), "pow");
        Check([Rand(r, -2, 2, 7)], t => t[0].LeakyRelu(0.2f), a => DoubleReference.Map(a[0], v => v > 0 ? v : 0.2 * v), "leaky relu");
        Check([Rand(r, -2, 2, 7)], t => t[0].Relu(), a => DoubleReference.Map(a[0], v => Math.Max(v, 0)), "relu");
    }

    [Fact]
    public void Division_Broadcast()
    {
        var r = new SeededRandom(4);
        Tensor a = Rand(r, -1, 1, 2, 3), b = Rand(r, 0.5f, 2, 3);
        Check([a, b], t => t[0] / t[1], x => x[0].Select((v, i) => v / x[1][i % 3]).ToArray(), "div");
    }

    [Fact]
    public void UpsampleNearest2x()
    {
        var r = new SeededRandom(5);
        Check([Rand(r, -1, 1, 1, 2, 3, 2)], t => Functional.UpsampleNearest2x(t[0]), a => DoubleReference.Upsample2x(a[0], 2, 3, 2), "upsample");
    }

    [Fact]
    public void BatchNorm_Training()
    {
        var r = new SeededRandom(6);
        Tensor x = Rand(r, -1, 2, 3, 2, 2, 3), g = Rand(r, 0.5f, 1.5f, 2), b = Rand(r, -1, 1, 2);
        Check([x, g, b], t => Functional.BatchNorm2d(t[0], t[1], t[2], Tensor.Zeros(2), Tensor.Ones(2), true, 0.2f, 1e-5f),
            a => DoubleReference.BatchNormTrain(a[0], 3, 2, 6, a[1], a[2], 1e-5), "batchnorm");
    }

    [Fact]
    public void BroadcastingArithmetic()
    {
        var r = new SeededRandom(8);
        // a (2, 3), b (3): b is broadcast over rows.
        double[] Bc(double[][] x, Func<double, double, double> f) => x[0].Select((v, i) => f(v, x[1][i % 3])).ToArray();
        Check([Rand(r, -1, 1, 2, 3), Rand(r, -1, 1, 3)], t => t[0] + t[1], x => Bc(x, (p, q) => p + q), "add");
        Check([Rand(r, -1, 1, 2, 3), Rand(r, -1, 1, 3)], t => t[0] - t[1], x => Bc(x, (p, q) => p - q), "sub");
        Check([Rand(r, -1, 1, 2, 3), Rand(r, -1, 1, 3)], t => t[0] * t[1], x => Bc(x, (p, q) => p * q), "mul");
        Check([Rand(r, -1, 1, 5)], t => -t[0], x => x[0].Select(v => -v).ToArray(), "neg");
        Check([Rand(r, -1, 1, 5)], t => t[0].Square(), x => x[0].Select(v => v * v).ToArray(), "square");
        Check([Rand(r, -1, 1, 5)], t => 3f - t[0] * 2f, x => x[0].Select(v => 3 - 2 * v).ToArray(), "scalar ops");
    }

    [Fact]
    public void Reductions()
    {
        var r = new SeededRandom(9);
        // (2, 3, 4): sum over axes 0 and 2 → (3); mean over axis 1 → (2, 4).
        Check([Rand(r, -1, 1, 2, 3, 4)], t => t[0].Sum([0, 2]),
            x => Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, 2).Sum(n => Enumerable.Range(0, 4).Sum(k => x[0][(n * 3 + c) * 4 + k]))).ToArray(), "sum axes 0,2");
        Check([Rand(r, -1, 1, 2, 3, 4)], t => t[0].Mean([1]),
            x => Enumerable.Range(0, 8).Select(nk => Enumerable.Range(0, 3).Average(c => x[0][((nk / 4) * 3 + c) * 4 + nk % 4])).ToArray(), "mean axis 1");
        Check([Rand(r, -1, 1, 3, 1)], t => t[0].Expand(new TensorShape(2, 3, 4)),
            x => Enumerable.Range(0, 24).Select(i => x[0][(i / 4) % 3]).ToArray(), "expand");
    }

    [Fact]
    public void ShapeOps()
    {
        var r = new SeededRandom(10);
        // concat (1, 2, 2) and (1, 1, 2) on channels; narrow channels [1, 3) of (2, 4, 1).
        Check([Rand(r, -1, 1, 1, 2, 2), Rand(r, -1, 1, 1, 1, 2)], t => Tensor.Concat([t[0], t[1]]), x => [.. x[0], .. x[1]], "concat");
        Check([Rand(r, -1, 1, 2, 4, 1)], t => t[0].SliceChannels(1, 2), x => [x[0][1], x[0][2], x[0][5], x[0][6]], "narrow");
        Check([Rand(r, -1, 1, 2, 3)], t => t[0].Transpose(), x => [x[0][0], x[0][3], x[0][1], x[0][4], x[0][2], x[0][5]], "transpose");
        Check([Rand(r, -1, 1, 2, 3)], t => t[0].Reshape(3, 2).Flatten(0), x => x[0], "reshape");
    }

    [Fact]
    public void MatMul()
    {
        var r = new SeededRandom(11);
        Check([Rand(r, -1, 1, 3, 4), Rand(r, -1, 1, 4, 2)], t => t[0].MatMul(t[1]),
            x => Enumerable.Range(0, 6).Select(ij => Enumerable.Range(0, 4).Sum(k => x[0][(ij / 2) * 4 + k] * x[1][k * 2 + ij % 2])).ToArray(), "matmul");
    }

    [Fact]
    public void ConvAdjoints_AsOps()
    {
        // The transposed conv and the weight gradient are ops too (double backward uses them):
        // check them as functions of their own inputs against the reference conv's adjoint identity
        // ⟨conv(x, w), gy⟩ = ⟨x, convᵀ(gy, w)⟩ = ⟨w, conv_w(x, gy)⟩, differentiated numerically.
        var r = new SeededRandom(12);
        var pad = Padding2d.Same(4, 6, 4, 2);
        Tensor gy = Rand(r, -1, 1, 2, 3, 2, 3), w = Rand(r, -0.5f, 0.5f, 3, 2, 4, 4), x = Rand(r, -1, 1, 2, 2, 4, 6);
        // convᵀ(gy, w)[i] = ∂/∂x_i Σ conv(x, w)·gy: its numerical form is a gradient of the reference.
        double[] ConvT(double[][] a) => DoubleReference.NumericalGradient(
            v => DoubleReference.Conv2d(v[2], [2, 2, 4, 6], v[1], [3, 2, 4, 4], null, 2, pad, out _).Select((yv, i) => yv * v[0][i]).Sum(),
            [a[0], a[1], new double[96]], 2, 1e-3); // linear in x: any step is exact up to rounding
        Check([gy, w], t => Functional.Conv2dInputGradient(t[0], t[1], new TensorShape(2, 2, 4, 6), 2, pad), ConvT, "conv2d input grad op");
        double[] ConvW(double[][] a) => DoubleReference.NumericalGradient(
            v => DoubleReference.Conv2d(v[0], [2, 2, 4, 6], v[2], [3, 2, 4, 4], null, 2, pad, out _).Select((yv, i) => yv * v[1][i]).Sum(),
            [a[0], a[1], new double[96]], 2, 1e-3);
        Check([x, gy], t => Functional.Conv2dWeightGradient(t[0], t[1], new TensorShape(3, 2, 4, 4), 2, pad), ConvW, "conv2d weight grad op");
    }

    [Fact]
    public void UpsampleConv2d()
    {
        var r = new SeededRandom(13);
        Tensor x = Rand(r, -1, 1, 1, 2, 2, 3), w = Rand(r, -0.5f, 0.5f, 3, 2, 4, 4), b = Rand(r, -1, 1, 3);
        Check([x, w, b], t => Functional.UpsampleConv2d(t[0], t[1], t[2]),
            a => DoubleReference.Conv2d(DoubleReference.Upsample2x(a[0], 2, 2, 3), [1, 2, 4, 6], a[1], [3, 2, 4, 4], a[2], 1, Padding2d.Same(4, 6, 4, 1), out _), "upsample conv");
    }

    [Fact]
    public void GradientPenaltyFormula()
    {
        var r = new SeededRandom(7);
        Check([Rand(r, -0.5f, 0.5f, 3, 4)], t => ((t[0].Pow(2).Sum([1]) + 1e-8f).Sqrt() - 1f).Pow(2).Mean() * 10f,
            a => [DoubleReference.GradientPenalty(a[0], 3)], "gp formula");
    }
}
