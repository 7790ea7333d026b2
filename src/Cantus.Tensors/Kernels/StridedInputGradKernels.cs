using System.Runtime.CompilerServices;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// The input gradient of a strided convolution without col2im: it splits into s² stride-1
/// convolutions of the output gradient, one per input phase (a, b) (the sub-pixel
/// decomposition of a transposed convolution). With e = a + top, r = e mod s, q = e div s:
/// dx[s·m + a] = Σₜ w[s·t + r]·gy[m + q − t], i.e. a cross-correlation of gy with the
/// flipped sub-kernel K[t'] = w[s·(T−1−t') + r] (T taps) and top padding T − 1 − q. Each
/// phase is an ordinary implicit-GEMM convolution writing whole rows; the phases are then
/// interleaved (stride 1 is the single-phase case: the flipped, transposed kernel). Used
/// when the input size is a multiple of the stride and all phase paddings are non-negative
/// (the lab's stride-2 'same' layers); otherwise col2im.
/// </summary>
internal static class StridedInputGradKernels
{
    /// <summary>Per-axis phase parameters: taps, padding before and after.</summary>
    private readonly record struct AxisPhase(int Taps, int Residue, int PadBefore, int PadAfter);

    private static AxisPhase? Axis(int size, int outSize, int kernel, int stride, int padBefore, int phase)
    {
        int e = phase + padBefore, r = e % stride, q = e / stride;
        int taps = r < kernel ? (kernel - r + stride - 1) / stride : 0;
        if (taps == 0) return null;
        int before = taps - 1 - q, after = size / stride - 1 + taps - outSize - before;
        return before < 0 || after < 0 ? null : new AxisPhase(taps, r, before, after);
    }

    /// <summary>Input channels below which col2im is kept: each phase GEMM has Cin rows, and with few
    /// (the critic's first layer: 5) the phase GEMMs run far below peak (measured 3× slower).</summary>
    public const int MinInputChannels = 32;

    /// <summary>Phase images smaller than this (pixels) keep col2im: s² small GEMMs plus the
    /// interleave cost more than they save (measured on the critic's 8×32 and 4×16 layers).</summary>
    public const int MinPhasePixels = 256;

    /// <summary>Whether the decomposition applies to <paramref name="g"/>.</summary>
    public static bool Applies(ConvGeometry g)
    {
        if (g.InChannels < MinInputChannels || g.Height % g.Stride != 0 || g.Width % g.Stride != 0) return false;
        if (g.Stride > 1 && (g.Height / g.Stride) * (g.Width / g.Stride) < MinPhasePixels) return false;
        for (int a = 0; a < g.Stride; a++)
            if (Axis(g.Height, g.OutHeight, g.KernelH, g.Stride, g.Padding.Top, a) is null
                || Axis(g.Width, g.OutWidth, g.KernelW, g.Stride, g.Padding.Left, a) is null) return false;
        return true;
    }

    /// <summary>The stride-1 convolution computing phase (a, b): gy (N, Cout, OH, OW) → (N, Cin, H/s, W/s).</summary>
    public static ConvGeometry PhaseGeometry(ConvGeometry g, int a, int b)
    {
        var ra = Axis(g.Height, g.OutHeight, g.KernelH, g.Stride, g.Padding.Top, a)!.Value;
        var rb = Axis(g.Width, g.OutWidth, g.KernelW, g.Stride, g.Padding.Left, b)!.Value;
        return new ConvGeometry(g.Batch, g.OutChannels, g.OutHeight, g.OutWidth, g.InChannels, ra.Taps, rb.Taps, 1,
            new Padding2d(ra.PadBefore, ra.PadAfter, rb.PadBefore, rb.PadAfter));
    }

    /// <summary>Phase kernel (Cin, Cout, Ta, Tb): K[c, o, t, t'] = w[o, c, s(Ta−1−t) + ra, s(Tb−1−t') + rb].</summary>
    public static PackedMatrix PackPhase(float[] w, ConvGeometry g, int phase, PackedMatrix? reuse = null)
    {
        int a = phase / g.Stride, b = phase % g.Stride, s = g.Stride;
        var ra = Axis(g.Height, g.OutHeight, g.KernelH, s, g.Padding.Top, a)!.Value;
        var rb = Axis(g.Width, g.OutWidth, g.KernelW, s, g.Padding.Left, b)!.Value;
        var k = new float[g.InChannels * g.OutChannels * ra.Taps * rb.Taps];
        for (int c = 0; c < g.InChannels; c++)
            for (int o = 0; o < g.OutChannels; o++)
                for (int t = 0; t < ra.Taps; t++)
                    for (int t2 = 0; t2 < rb.Taps; t2++)
                    {
                        int u = s * (ra.Taps - 1 - t) + ra.Residue, v = s * (rb.Taps - 1 - t2) + rb.Residue;
                        k[((c * g.OutChannels + o) * ra.Taps + t) * rb.Taps + t2] = w[((o * g.InChannels + c) * g.KernelH + u) * g.KernelW + v];
                    }
        return ConvKernels.PackForward(k, PhaseGeometry(g, a, b), reuse);
    }

    /// <summary>dx (N, Cin, H, W) from gy (N, Cout, OH, OW); <paramref name="phase"/> gives each phase's packed kernel.</summary>
    public static void InputGrad(float[] gy, Func<int, PackedMatrix> phase, float[] dx, ConvGeometry g)
    {
        int s = g.Stride, h = g.Height / s, w = g.Width / s, planes = g.Batch * g.InChannels;
        if (s == 1)
        {
            // One phase: the flipped-kernel convolution writes dx directly.
            ConvKernels.Forward(gy, phase(0), null, dx, PhaseGeometry(g, 0, 0));
            return;
        }
        var buffer = ScratchPool.Rent((long)planes * h * w);
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
            {
                ConvKernels.Forward(gy, phase(a * s + b), null, buffer, PhaseGeometry(g, a, b));
                Interleave(buffer, dx, planes, h, w, s, a, b);
            }
        ScratchPool.Return(buffer);
    }

    /// <summary>y[p, s·i + a, s·j + b] = phase[p, i, j] for planes of (h, w) → (s·h, s·w).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Interleave(ReadOnlySpan<float> phase, Span<float> y, int planes, int h, int w, int s, int a, int b)
    {
        int ow = s * w;
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < h; i++)
            {
                var src = phase.Slice((p * h + i) * w, w);
                var dst = y.Slice((p * s * h + s * i + a) * ow, ow);
                for (int j = 0; j < w; j++) dst[s * j + b] = src[j];
            }
    }
}
