using Cantus.Tensors.Autograd;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Autograd;

/// <summary>
/// The gradient-penalty path end to end through a miniature critic (concat, stride-2 'same'
/// conv, leaky ReLU, flatten, linear): P = 10·mean_b(‖∂ΣD/∂x‖_b − 1)², differentiated by
/// the engine's double backward, against nested central differences of the double-precision
/// reference (inner h = 1e-6 over x: exact for this piecewise-linear critic away from kinks;
/// outer h = 1e-4 over the parameters, P being smooth in them).
/// </summary>
public sealed class SecondOrderTests_FiniteDifferences
{
    private static readonly Padding2d Pad = Padding2d.Same(4, 4, 4, 2);

    private static double CriticSum(double[] x, double[] c, double[] w1, double[] b1, double[] w2, double[] b2)
    {
        // t = concat(x, c) on channels: (2, 2, 4, 4)
        var t = new double[64];
        for (int n = 0; n < 2; n++)
        {
            Array.Copy(x, n * 16, t, n * 32, 16);
            Array.Copy(c, n * 16, t, n * 32 + 16, 16);
        }
        var h = DoubleReference.Conv2d(t, [2, 2, 4, 4], w1, [3, 2, 4, 4], b1, 2, Pad, out _);
        h = DoubleReference.Map(h, v => v > 0 ? v : 0.2 * v);
        return DoubleReference.Linear(h, 2, 12, w2, 1, b2).Sum();
    }

    private static double Penalty(double[][] a)
    {
        // a: x, c, w1, b1, w2, b2
        double Inner(double[][] v) => CriticSum(v[0], v[1], v[2], v[3], v[4], v[5]);
        var g = DoubleReference.NumericalGradient(Inner, a, 0, 1e-6);
        return DoubleReference.GradientPenalty(g, 2);
    }

    [Fact]
    public void GradientPenalty_ParameterGradients_MatchNestedFiniteDifferences()
    {
        var r = new SeededRandom(11);
        Tensor Leaf(float lo, float hi, params int[] shape)
        {
            var t = r.Uniform(new TensorShape(shape), lo, hi);
            t.RequiresGrad = true;
            return t;
        }
        Tensor x = Leaf(-1, 1, 2, 1, 4, 4), c = Leaf(-1, 1, 2, 1, 4, 4);
        Tensor w1 = Leaf(-0.5f, 0.5f, 3, 2, 4, 4), b1 = Leaf(-0.2f, 0.2f, 3), w2 = Leaf(-1, 1, 1, 12), b2 = Leaf(-1, 1, 1);
        Tensor[] all = [x, c, w1, b1, w2, b2];

        var d = Functional.Linear(Functional.Conv2d(Tensor.Concat([x, c]), w1, b1, 2, Pad).LeakyRelu(0.2f).Flatten(1), w2, b2);
        var g = Gradients.Grad(d.Sum(), x, createGraph: true);
        var p = ((g.Flatten(1).Pow(2).Sum([1]) + 1e-8f).Sqrt() - 1f).Pow(2).Mean() * 10f;
        var analytic = Gradients.Grad([p], all);

        var inputs = all.Select(t => t.ToArray().Select(v => (double)v).ToArray()).ToArray();
        Assert.Equal(Penalty(inputs), p.Item(), 1e-4 * Math.Max(1, Math.Abs(p.Item())));
        string[] names = ["x", "c", "w1", "b1", "w2", "b2"];
        var numeric = Enumerable.Range(0, all.Length).Select(i => DoubleReference.NumericalGradient(Penalty, inputs, i, 1e-4)).ToArray();
        // x, c and the biases act only through the leaky-ReLU masks, so their true gradient is 0 and
        // the nested differences leave noise of ~1e-6·scale: hence an absolute floor relative to the
        // largest gradient anywhere.
        double scale = numeric.Max(n => n.Max(Math.Abs));
        for (int i = 0; i < all.Length; i++)
        {
            var expected = Tensor.FromArray(numeric[i].Select(v => (float)v).ToArray(), all[i].Shape.Dimensions);
            TensorAssert.Close(expected, analytic[i], 1e-4 * scale, 1e-3, "dP/d" + names[i]);
        }
        // The penalty depends on the weights (not only on masks): the test is not vacuous.
        Assert.True(analytic[2].ToArray().Max(Math.Abs) > 1e-3, "dP/dw1 should be far from zero.");
        Assert.True(analytic[4].ToArray().Max(Math.Abs) > 1e-3, "dP/dw2 should be far from zero.");
    }
}
