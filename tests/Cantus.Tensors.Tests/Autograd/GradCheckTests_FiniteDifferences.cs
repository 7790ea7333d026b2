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
    public void GradientPenaltyFormula()
    {
        var r = new SeededRandom(7);
        Check([Rand(r, -0.5f, 0.5f, 3, 4)], t => ((t[0].Pow(2).Sum([1]) + 1e-8f).Sqrt() - 1f).Pow(2).Mean() * 10f,
            a => [DoubleReference.GradientPenalty(a[0], 3)], "gp formula");
    }
}
