using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// Direct stride-1 convolution for layers with very few output channels (the generator's
/// 4-track output layer), where a GEMM would spend its time packing patches for 4 rows.
/// Per output row, 4 channels × 4 vectors of 16 pixels stay in registers while the
/// zero-padded input rows stream past: y[o, i, j] = b[o] + Σ_{c,u,v} w[o,c,u,v]·xp[c, i+u, j+v].
/// Accumulation runs over (c, u, v) in order for every output, so results do not depend on
/// threads. <see cref="ConvReference"/> is the oracle.
/// </summary>
internal static unsafe class DirectConvKernels
{
    public const int MaxOutChannels = 4;

    /// <summary>Stride 1, at most 4 output channels, output rows a multiple of 64 pixels, AVX-512.</summary>
    public static bool Applies(ConvGeometry g) =>
        Vector512.IsHardwareAccelerated && g.Stride == 1 && g.OutChannels <= MaxOutChannels && g.OutWidth % 64 == 0;

    public static void Forward(float[] x, float[] w, float[]? bias, float[] y, ConvGeometry g)
    {
        int ph = g.Height + g.Padding.Top + g.Padding.Bottom, pw = g.Width + g.Padding.Left + g.Padding.Right;
        // Weights padded to 4 output channels, laid out [c, u, v, o] for one 16-byte read per tap.
        var wp = new float[g.InChannels * g.KernelH * g.KernelW * MaxOutChannels];
        for (int o = 0; o < g.OutChannels; o++)
            for (int k = 0; k < g.PatchSize; k++) wp[k * MaxOutChannels + o] = w[o * g.PatchSize + k];
        WorkPartition.For(g.Batch, WorkPartition.Parts(g.Batch), (_, n0, n1) =>
        {
            var padded = ScratchPool.Rent((long)g.InChannels * ph * pw);
            for (int n = n0; n < n1; n++)
            {
                Pad(x.AsSpan(n * g.InChannels * g.InPlane, g.InChannels * g.InPlane), padded, g, ph, pw);
                fixed (float* xp = padded, wq = wp, yp = y)
                    Sample(xp, wq, bias, yp + (long)n * g.OutChannels * g.OutPlane, g, ph, pw);
            }
            ScratchPool.Return(padded);
        });
    }

    private static void Pad(ReadOnlySpan<float> x, float[] padded, ConvGeometry g, int ph, int pw)
    {
        Array.Clear(padded, 0, g.InChannels * ph * pw);
        for (int c = 0; c < g.InChannels; c++)
            for (int r = 0; r < g.Height; r++)
                x.Slice((c * g.Height + r) * g.Width, g.Width).CopyTo(padded.AsSpan((c * ph + r + g.Padding.Top) * pw + g.Padding.Left, g.Width));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sample(float* xp, float* wp, float[]? bias, float* y, ConvGeometry g, int ph, int pw)
    {
        int kh = g.KernelH, kw = g.KernelW, cout = g.OutChannels, ow = g.OutWidth;
        for (int i = 0; i < g.OutHeight; i++)
            for (int j0 = 0; j0 < ow; j0 += 64)
            {
                Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
                Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
                Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
                Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
                float* wq = wp;
                for (int c = 0; c < g.InChannels; c++)
                    for (int u = 0; u < kh; u++)
                    {
                        float* row = xp + ((long)c * ph + i + u) * pw + j0;
                        for (int v = 0; v < kw; v++, wq += MaxOutChannels)
                        {
                            var x0 = Vector512.Load(row + v);
                            var x1 = Vector512.Load(row + v + 16);
                            var x2 = Vector512.Load(row + v + 32);
                            var x3 = Vector512.Load(row + v + 48);
                            var w0 = Vector512.Create(wq[0]);
                            a00 = Vector512.FusedMultiplyAdd(w0, x0, a00); a01 = Vector512.FusedMultiplyAdd(w0, x1, a01);
                            a02 = Vector512.FusedMultiplyAdd(w0, x2, a02); a03 = Vector512.FusedMultiplyAdd(w0, x3, a03);
                            var w1 = Vector512.Create(wq[1]);
                            a10 = Vector512.FusedMultiplyAdd(w1, x0, a10); a11 = Vector512.FusedMultiplyAdd(w1, x1, a11);
                            a12 = Vector512.FusedMultiplyAdd(w1, x2, a12); a13 = Vector512.FusedMultiplyAdd(w1, x3, a13);
                            var w2 = Vector512.Create(wq[2]);
                            a20 = Vector512.FusedMultiplyAdd(w2, x0, a20); a21 = Vector512.FusedMultiplyAdd(w2, x1, a21);
                            a22 = Vector512.FusedMultiplyAdd(w2, x2, a22); a23 = Vector512.FusedMultiplyAdd(w2, x3, a23);
                            var w3 = Vector512.Create(wq[3]);
                            a30 = Vector512.FusedMultiplyAdd(w3, x0, a30); a31 = Vector512.FusedMultiplyAdd(w3, x1, a31);
                            a32 = Vector512.FusedMultiplyAdd(w3, x2, a32); a33 = Vector512.FusedMultiplyAdd(w3, x3, a33);
                        }
                    }
                Store(y, 0, cout, i, j0, ow, g.OutPlane, bias, a00, a01, a02, a03);
                Store(y, 1, cout, i, j0, ow, g.OutPlane, bias, a10, a11, a12, a13);
                Store(y, 2, cout, i, j0, ow, g.OutPlane, bias, a20, a21, a22, a23);
                Store(y, 3, cout, i, j0, ow, g.OutPlane, bias, a30, a31, a32, a33);
            }
    }

    private static void Store(float* y, int o, int cout, int i, int j0, int ow, int plane, float[]? bias,
        Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        if (o >= cout) return;
        var b = Vector512.Create(bias is null ? 0f : bias[o]);
        float* p = y + (long)o * plane + (long)i * ow + j0;
        (v0 + b).Store(p);
        (v1 + b).Store(p + 16);
        (v2 + b).Store(p + 32);
        (v3 + b).Store(p + 48);
    }
}
