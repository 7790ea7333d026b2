namespace Cantus.Tensors.Tests.TestSupport;

/// <summary>
/// Naive double-precision definitions of the ops, independent of the engine: the functions
/// finite differences are taken of. Arrays are row-major with explicit shapes.
/// </summary>
internal static class DoubleReference
{
    // x: (N, C, H, W), w: (O, C, K, K) → (N, O, OH, OW)
    public static double[] Conv2d(double[] x, int[] xs, double[] w, int[] ws, double[]? b, int stride, Padding2d p, out int[] ys)
    {
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3], o = ws[0], k = ws[2];
        int oh = (h + p.Top + p.Bottom - k) / stride + 1, ow = (wd + p.Left + p.Right - k) / stride + 1;
        ys = [n, o, oh, ow];
        var y = new double[n * o * oh * ow];
        for (int ni = 0; ni < n; ni++)
            for (int oi = 0; oi < o; oi++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double s = b?[oi] ?? 0;
                        for (int ci = 0; ci < c; ci++)
                            for (int u = 0; u < k; u++)
                                for (int v = 0; v < k; v++)
                                {
                                    int r = i * stride + u - p.Top, q = j * stride + v - p.Left;
                                    if (r >= 0 && r < h && q >= 0 && q < wd)
                                        s += x[((ni * c + ci) * h + r) * wd + q] * w[((oi * c + ci) * k + u) * k + v];
                                }
                        y[((ni * o + oi) * oh + i) * ow + j] = s;
                    }
        return y;
    }

    // x: (N, In), w: (Out, In), b: (Out) → (N, Out)
    public static double[] Linear(double[] x, int n, int inF, double[] w, int outF, double[]? b)
    {
        var y = new double[n * outF];
        for (int i = 0; i < n; i++)
            for (int o = 0; o < outF; o++)
            {
                double s = b?[o] ?? 0;
                for (int j = 0; j < inF; j++) s += x[i * inF + j] * w[o * inF + j];
                y[i * outF + o] = s;
            }
        return y;
    }

    public static double[] Map(double[] x, Func<double, double> f) => x.Select(f).ToArray();

    // (N, C, H, W) → (N, C, 2H, 2W)
    public static double[] Upsample2x(double[] x, int planes, int h, int w)
    {
        var y = new double[planes * 4 * h * w];
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < 2 * h; i++)
                for (int j = 0; j < 2 * w; j++)
                    y[(p * 2 * h + i) * 2 * w + j] = x[(p * h + i / 2) * w + j / 2];
        return y;
    }

    // Training-mode batch norm of (N, C, HW) with biased batch variance.
    public static double[] BatchNormTrain(double[] x, int n, int c, int hw, double[] gamma, double[] beta, double eps)
    {
        var y = new double[x.Length];
        for (int ci = 0; ci < c; ci++)
        {
            double mean = 0, var = 0;
            for (int ni = 0; ni < n; ni++) for (int k = 0; k < hw; k++) mean += x[(ni * c + ci) * hw + k];
            mean /= n * hw;
            for (int ni = 0; ni < n; ni++) for (int k = 0; k < hw; k++) var += Math.Pow(x[(ni * c + ci) * hw + k] - mean, 2);
            var /= n * hw;
            for (int ni = 0; ni < n; ni++)
                for (int k = 0; k < hw; k++)
                {
                    int idx = (ni * c + ci) * hw + k;
                    y[idx] = (x[idx] - mean) / Math.Sqrt(var + eps) * gamma[ci] + beta[ci];
                }
        }
        return y;
    }

    // WGAN-GP: 10 · mean_b (√(Σ g_b² + 1e-8) − 1)² over rows of (B, D)
    public static double GradientPenalty(double[] g, int batch)
    {
        int d = g.Length / batch;
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            double s = 0;
            for (int k = 0; k < d; k++) s += g[b * d + k] * g[b * d + k];
            total += Math.Pow(Math.Sqrt(s + 1e-8) - 1, 2);
        }
        return 10 * total / batch;
    }

    /// <summary>Central difference ∂f/∂xᵢ for every i of input <paramref name="which"/>.</summary>
    public static double[] NumericalGradient(Func<double[][], double> f, double[][] inputs, int which, double h)
    {
        var x = inputs[which];
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double keep = x[i];
            x[i] = keep + h;
            double up = f(inputs);
            x[i] = keep - h;
            double down = f(inputs);
            x[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }
}
