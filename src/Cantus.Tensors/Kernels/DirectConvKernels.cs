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
        var offsets = TapOffsets(g, ph, pw);
        WorkPartition.For(g.Batch, WorkPartition.Parts(g.Batch), (_, n0, n1) =>
        {
            var padded = ScratchPool.Rent((long)g.InChannels * ph * pw);
            for (int n = n0; n < n1; n++)
            {
                Pad(x.AsSpan(n * g.InChannels * g.InPlane, g.InChannels * g.InPlane), padded, g, ph, pw);
                fixed (float* xp = padded, wq = wp, yp = y)
                fixed (int* to = offsets)
                    Sample(xp, wq, to, bias, yp + (long)n * g.OutChannels * g.OutPlane, g, pw);
            }
            ScratchPool.Return(padded);
        });
    }

    /// <summary>Copies x (C, H, W) into the middle of padded (C, ph, pw), zeroing only the margins.</summary>
    private static void Pad(ReadOnlySpan<float> x, float[] padded, ConvGeometry g, int ph, int pw)
    {
        int top = g.Padding.Top, left = g.Padding.Left;
        for (int c = 0; c < g.InChannels; c++)
        {
            var plane = padded.AsSpan(c * ph * pw, ph * pw);
            plane[..(top * pw)].Clear();
            plane[((top + g.Height) * pw)..].Clear();
            for (int r = 0; r < g.Height; r++)
            {
                var row = plane.Slice((r + top) * pw, pw);
                row[..left].Clear();
                x.Slice((c * g.Height + r) * g.Width, g.Width).CopyTo(row[left..]);
                row[(left + g.Width)..].Clear();
            }
        }
    }

    /// <summary>Offset of tap (c, u, v) from the top-left padded input element of an output position.</summary>
    private static int[] TapOffsets(ConvGeometry g, int ph, int pw)
    {
        var offsets = new int[g.PatchSize];
        for (int c = 0, t = 0; c < g.InChannels; c++)
            for (int u = 0; u < g.KernelH; u++)
                for (int v = 0; v < g.KernelW; v++) offsets[t++] = (c * ph + u) * pw + v;
        return offsets;
    }

    private static void Sample(float* xp, float* wp, int* tapOffset, float[]? bias, float* y, ConvGeometry g, int pw)
    {
        int cout = g.OutChannels, ow = g.OutWidth, oh = g.OutHeight, taps = g.PatchSize;
        Span<float> b = stackalloc float[MaxOutChannels];
        for (int o = 0; o < cout; o++) b[o] = bias is null ? 0f : bias[o];
        float* outputs = stackalloc float[MaxOutChannels * 64];
        for (int i = 0; i < oh; i++)
            for (int j0 = 0; j0 < ow; j0 += 64)
            {
                Block(xp + (long)i * pw + j0, wp, tapOffset, taps, outputs);
                for (int o = 0; o < cout; o++)
                {
                    var dst = new Span<float>(y + (long)o * g.OutPlane + (long)i * ow + j0, 64);
                    System.Numerics.Tensors.TensorPrimitives.Add(new ReadOnlySpan<float>(outputs + o * 64, 64), b[o], dst);
                }
            }
    }

    /// <summary>
    /// One block of 4 channels × 64 pixels over all taps, written to out[o·64 + j]. A single
    /// flat loop in its own method keeps the 16 accumulators in registers (as the GEMM micro-kernel).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void Block(float* rowBase, float* wq, int* tapOffset, int taps, float* output)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        for (int t = 0; t < taps; t++, wq += MaxOutChannels)
        {
            float* src = rowBase + tapOffset[t];
            var x0 = Vector512.Load(src);
            var x1 = Vector512.Load(src + 16);
            var x2 = Vector512.Load(src + 32);
            var x3 = Vector512.Load(src + 48);
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
        a00.Store(output); a01.Store(output + 16); a02.Store(output + 32); a03.Store(output + 48);
        a10.Store(output + 64); a11.Store(output + 80); a12.Store(output + 96); a13.Store(output + 112);
        a20.Store(output + 128); a21.Store(output + 144); a22.Store(output + 160); a23.Store(output + 176);
        a30.Store(output + 192); a31.Store(output + 208); a32.Store(output + 224); a33.Store(output + 240);
    }
}
