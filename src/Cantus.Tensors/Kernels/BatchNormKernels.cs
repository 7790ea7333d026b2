using System.Numerics.Tensors;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// Fused batch-normalisation passes over (N, C, HW) data, per channel (channels split over
/// threads; each channel's sums are taken in a fixed order, in double):
/// statistics μ, σ² (biased) with two passes; y = γ·(x − μ)/√(σ² + ε) + β as one
/// multiply-add; and the backward pass dx = γ/σ̂·(g − mean(g) − x̂·mean(g·x̂)), dγ = Σ g·x̂,
/// dβ = Σ g (Ioffe &amp; Szegedy 2015, §3).
/// </summary>
internal static class BatchNormKernels
{
    public static void Statistics(float[] x, int n, int c, int hw, double[] mean, double[] variance)
    {
        WorkPartition.For(c, WorkPartition.Parts(c), (_, c0, c1) =>
        {
            for (int ch = c0; ch < c1; ch++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += TensorPrimitives.Sum<float>(x.AsSpan((i * c + ch) * hw, hw));
                double m = s / ((double)n * hw), v = 0;
                for (int i = 0; i < n; i++)
                    foreach (float e in x.AsSpan((i * c + ch) * hw, hw)) v += (e - m) * (e - m);
                mean[ch] = m;
                variance[ch] = v / ((double)n * hw);
            }
        });
    }

    /// <summary>y = x·scale[c] + shift[c] per channel.</summary>
    public static void Affine(float[] x, float[] y, int n, int c, int hw, float[] scale, float[] shift)
    {
        WorkPartition.For(n * c, WorkPartition.Parts(n * c), (_, p0, p1) =>
        {
            for (int p = p0; p < p1; p++)
            {
                int ch = p % c;
                var dst = y.AsSpan(p * hw, hw);
                TensorPrimitives.Multiply(x.AsSpan(p * hw, hw), scale[ch], dst);
                TensorPrimitives.Add(dst, shift[ch], dst);
            }
        });
    }

    public static void Backward(float[] g, float[] x, int n, int c, int hw, double[] mean, double[] invStd, float[] gamma,
        float[]? dx, float[] dGamma, float[] dBeta)
    {
        WorkPartition.For(c, WorkPartition.Parts(c), (_, c0, c1) =>
        {
            for (int ch = c0; ch < c1; ch++)
            {
                double sg = 0, sgx = 0, m = mean[ch], inv = invStd[ch];
                for (int i = 0; i < n; i++)
                {
                    var gs = g.AsSpan((i * c + ch) * hw, hw);
                    var xs = x.AsSpan((i * c + ch) * hw, hw);
                    for (int k = 0; k < hw; k++)
                    {
                        sg += gs[k];
                        sgx += gs[k] * ((xs[k] - m) * inv);
                    }
                }
                dGamma[ch] = (float)sgx;
                dBeta[ch] = (float)sg;
                if (dx is null) continue;
                double count = (double)n * hw;
                // dx = a·g + b·x + d with a = γ/σ̂, b = −a·σ̂⁻¹·mean(g·x̂), d = −a·mean(g) − b·μ
                double a = gamma[ch] * inv, b = -a * inv * (sgx / count), d = -a * (sg / count) - b * m;
                for (int i = 0; i < n; i++)
                {
                    var gs = g.AsSpan((i * c + ch) * hw, hw);
                    var xs = x.AsSpan((i * c + ch) * hw, hw);
                    var ds = dx.AsSpan((i * c + ch) * hw, hw);
                    for (int k = 0; k < hw; k++) ds[k] = (float)(a * gs[k] + b * xs[k] + d);
                }
            }
        });
    }
}
