using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// 2-D convolution as im2col + GEMM, and its two gradients. Samples are processed in chunks
/// of nb samples whose patch matrices sit side by side, cols (K = Cin·KH·KW × P = nb·OH·OW),
/// so that layers with few output pixels still give the GEMM a wide right-hand side:
/// forward  Y = W (Cout × K) · cols (+ b), W packed once per call;
/// input    dcols = Wᵀ · G, scattered back by col2im (the transposed convolution);
/// weight   dW += G · colsᵀ.
/// Forward and weight gradient never write cols: the GEMM gathers patches from x while it
/// packs its panels (<see cref="Im2ColPanels"/>, <see cref="Im2ColTransposedPanels"/>).
/// Chunks are split over threads in fixed ranges (with a single chunk the GEMM itself is
/// split), so forward and input gradient are bit-identical for any thread count and the
/// weight gradient for a given one (its per-thread partial sums are added in order).
/// </summary>
internal static unsafe class ConvKernels
{
    private const int TargetColumns = 1024;
    private const long MaxScratchFloats = 8L << 20;


    /// <summary>W (Cout × K) packed for the forward GEMM.</summary>
    public static PackedMatrix PackForward(float[] w, ConvGeometry g, PackedMatrix? reuse = null)
    {
        var packed = Gemm.Pack(false, g.OutChannels, g.PatchSize, w, g.PatchSize, reuse);
        // Few output channels: keep the plain weights too, for the direct kernel.
        return g.OutChannels <= DirectConvKernels.MaxOutChannels ? new PackedMatrix(packed.Data, packed.Rows, packed.Cols) { Unpacked = w } : packed;
    }

    /// <summary>Wᵀ (K × Cout) packed for the input-gradient GEMM.</summary>
    public static PackedMatrix PackInputGrad(float[] w, ConvGeometry g, PackedMatrix? reuse = null) => Gemm.Pack(true, g.PatchSize, g.OutChannels, w, g.PatchSize, reuse);

    /// <summary>y = conv(x, w) + bias; arrays hold at least the geometry's element counts.</summary>
    public static void Forward(float[] x, float[] w, float[]? bias, float[] y, ConvGeometry g) => Forward(x, PackForward(w, g), bias, y, g);

    /// <summary>y = conv(x, w) + bias with w packed by <see cref="PackForward"/>.</summary>
    public static void Forward(float[] x, PackedMatrix packed, float[]? bias, float[] y, ConvGeometry g)
    {
        if (packed.Unpacked is { } w && DirectConvKernels.Applies(g))
        {
            DirectConvKernels.Forward(x, w, bias, y, g);
            return;
        }
        ForEachChunk(g, (n0, nb, gemmThreads) =>
        {
            int p = nb * g.OutPlane;
            fixed (float* px = x)
            {
                // Implicit GEMM: patches are gathered from x while packing, no im2col matrix.
                var patches = new Im2ColPanels(px + (long)n0 * g.InChannels * g.InPlane, g, px + x.Length);
                if (nb == 1)
                {
                    Gemm.Multiply(packed, patches, p, y.AsSpan(n0 * g.OutChannels * g.OutPlane), g.OutPlane, false, gemmThreads);
                }
                else
                {
                    var tmp = ScratchPool.Rent((long)g.OutChannels * p);
                    Gemm.Multiply(packed, patches, p, tmp, p, false, gemmThreads);
                    Scatter(tmp, y, n0, nb, g.OutChannels, g.OutPlane);
                    ScratchPool.Return(tmp);
                }
            }
            if (bias is not null)
                for (int s = 0; s < nb; s++)
                    for (int o = 0; o < g.OutChannels; o++)
                    {
                        var row = y.AsSpan(((n0 + s) * g.OutChannels + o) * g.OutPlane, g.OutPlane);
                        TensorPrimitives.Add(row, bias[o], row);
                    }
        });
    }

    /// <summary>dx = the adjoint of conv in x applied to gy (a transposed convolution).</summary>
    public static void InputGrad(float[] gy, float[] w, float[] dx, ConvGeometry g) => InputGrad(gy, w, dx, g, null, () => PackInputGrad(w, g));

    /// <summary>
    /// dx from gy; strided layers whose sizes allow it go through the sub-pixel phases
    /// (<see cref="StridedInputGradKernels"/>, no col2im), others through Wᵀ·gy and col2im.
    /// </summary>
    public static void InputGrad(float[] gy, float[] w, float[] dx, ConvGeometry g, Func<int, PackedMatrix>? phases, Func<PackedMatrix> transposed)
    {
        if (StridedInputGradKernels.Applies(g)) StridedInputGradKernels.InputGrad(gy, phases ?? (p => StridedInputGradKernels.PackPhase(w, g, p)), dx, g);
        else InputGrad(gy, transposed(), dx, g);
    }

    /// <summary>dx from gy with w packed by <see cref="PackInputGrad"/>.</summary>
    public static void InputGrad(float[] gy, PackedMatrix packedT, float[] dx, ConvGeometry g)
    {
        ForEachChunk(g, (n0, nb, gemmThreads) =>
        {
            int p = nb * g.OutPlane;
            var cols = ScratchPool.Rent((long)g.PatchSize * p);
            if (nb == 1)
            {
                Gemm.Multiply(packedT, false, p, gy.AsSpan(n0 * g.OutChannels * g.OutPlane), g.OutPlane, cols, p, false, gemmThreads);
            }
            else
            {
                var gathered = ScratchPool.Rent((long)g.OutChannels * p);
                Gather(gy, gathered, n0, nb, g.OutChannels, g.OutPlane);
                Gemm.Multiply(packedT, false, p, gathered, p, cols, p, false, gemmThreads);
                ScratchPool.Return(gathered);
            }
            for (int s = 0; s < nb; s++)
            {
                var dxn = dx.AsSpan((n0 + s) * g.InChannels * g.InPlane, g.InChannels * g.InPlane);
                dxn.Clear();
                Col2ImAdd(cols, s * g.OutPlane, p, dxn, g);
            }
            ScratchPool.Return(cols);
        });
    }

    /// <summary>dw = Σₙ gy[n] · im2col(x[n])ᵀ, the adjoint of conv in w.</summary>
    public static void WeightGrad(float[] x, float[] gy, Span<float> dw, ConvGeometry g)
    {
        int size = g.OutChannels * g.PatchSize;
        int chunk = ChunkSize(g), chunks = (g.Batch + chunk - 1) / chunk;
        int parts = WorkPartition.Parts(chunks);
        int gemmThreads = parts == 1 ? EngineSettings.ThreadCount : 1;
        var partials = new float[parts][];
        // The transposed gather costs about as much as an explicit im2col pass; it pays off when
        // many output channels share each packed panel or rows are too short for fast copies.
        bool implicitPatches = g.OutChannels >= 128 || g.OutWidth < 16;
        WorkPartition.For(chunks, parts, (part, c0, c1) =>
        {
            var acc = partials[part] = ScratchPool.Rent(size); // fully written by the first chunk (accumulate off)
            for (int ch = c0; ch < c1; ch++)
            {
                int n0 = ch * chunk, nb = Math.Min(chunk, g.Batch - n0), p = nb * g.OutPlane;
                float[]? gathered = nb == 1 ? null : ScratchPool.Rent((long)g.OutChannels * p);
                if (gathered is not null) Gather(gy, gathered, n0, nb, g.OutChannels, g.OutPlane);
                ReadOnlySpan<float> gm = gathered ?? gy.AsSpan(n0 * g.OutChannels * g.OutPlane, g.OutChannels * g.OutPlane);
                if (!implicitPatches)
                {
                    var cols = ScratchPool.Rent((long)g.PatchSize * p);
                    for (int s = 0; s < nb; s++) Im2Col(x.AsSpan((n0 + s) * g.InChannels * g.InPlane, g.InChannels * g.InPlane), cols, s * g.OutPlane, p, g);
                    Gemm.Multiply(false, true, g.OutChannels, g.PatchSize, p, gm, p, cols, p, acc, g.PatchSize, ch > c0, gemmThreads);
                    ScratchPool.Return(cols);
                }
                else
                {
                    fixed (float* px = x)
                    {
                        // Implicit GEMM: colsᵀ is gathered from x while packing.
                        var patches = new Im2ColTransposedPanels(px + (long)n0 * g.InChannels * g.InPlane, g);
                        Gemm.Multiply(false, g.OutChannels, p, gm, p, patches, g.PatchSize, acc, g.PatchSize, ch > c0, gemmThreads);
                    }
                }
                if (gathered is not null) ScratchPool.Return(gathered);
            }
        });
        // Fixed-order reduction of the per-part sums: deterministic for a given thread count.
        partials[0].AsSpan(0, size).CopyTo(dw);
        for (int part = 1; part < parts; part++) TensorPrimitives.Add(dw[..size], partials[part].AsSpan(0, size), dw[..size]);
        foreach (var buffer in partials) ScratchPool.Return(buffer);
    }

    /// <summary>Samples per chunk: enough for ~1024 GEMM columns, bounded by the scratch size.</summary>
    internal static int ChunkSize(ConvGeometry g)
    {
        int byWidth = Math.Max(1, (TargetColumns + g.OutPlane - 1) / g.OutPlane);
        long byMemory = Math.Max(1, MaxScratchFloats / Math.Max(1L, (long)g.PatchSize * g.OutPlane));
        return (int)Math.Max(1, Math.Min(Math.Min(byWidth, byMemory), g.Batch));
    }

    private static void ForEachChunk(ConvGeometry g, Action<int, int, int> body)
    {
        int chunk = ChunkSize(g), chunks = (g.Batch + chunk - 1) / chunk;
        int parts = WorkPartition.Parts(chunks);
        int gemmThreads = parts == 1 ? EngineSettings.ThreadCount : 1;
        WorkPartition.For(chunks, parts, (_, c0, c1) =>
        {
            for (int ch = c0; ch < c1; ch++)
            {
                int n0 = ch * chunk;
                body(n0, Math.Min(chunk, g.Batch - n0), gemmThreads);
            }
        });
    }

    /// <summary>y[n0+s, o, :] = tmp[o, s·plane : (s+1)·plane] (chunk layout → NCHW).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter(ReadOnlySpan<float> tmp, Span<float> y, int n0, int nb, int channels, int plane)
    {
        int p = nb * plane;
        for (int s = 0; s < nb; s++)
            for (int o = 0; o < channels; o++)
                tmp.Slice(o * p + s * plane, plane).CopyTo(y.Slice(((n0 + s) * channels + o) * plane, plane));
    }

    /// <summary>The inverse of <see cref="Scatter"/>: NCHW → chunk layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(ReadOnlySpan<float> src, Span<float> dst, int n0, int nb, int channels, int plane)
    {
        int p = nb * plane;
        for (int s = 0; s < nb; s++)
            for (int o = 0; o < channels; o++)
                src.Slice(((n0 + s) * channels + o) * plane, plane).CopyTo(dst.Slice(o * p + s * plane, plane));
    }

    /// <summary>Output columns j whose input column j·s + v − left lies inside [0, width).</summary>
    private static (int J0, int J1) ValidColumns(int v, ConvGeometry g)
    {
        int off = v - g.Padding.Left, s = g.Stride;
        int j0 = off >= 0 ? 0 : (-off + s - 1) / s;
        int j1 = g.Width - 1 - off < 0 ? 0 : Math.Min(g.OutWidth, (g.Width - 1 - off) / s + 1);
        return (j0, Math.Max(j0, j1));
    }

    /// <summary>
    /// cols[(c·KH+u)·KW+v, col0 + i·OW + j] = x[c, i·s+u−top, j·s+v−left] (zero outside), rows
    /// of length <paramref name="ld"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Im2Col(ReadOnlySpan<float> x, Span<float> cols, int col0, int ld, ConvGeometry g)
    {
        int oh = g.OutHeight, ow = g.OutWidth, s = g.Stride;
        for (int c = 0; c < g.InChannels; c++)
        {
            var plane = x.Slice(c * g.InPlane, g.InPlane);
            for (int u = 0; u < g.KernelH; u++)
                for (int v = 0; v < g.KernelW; v++)
                {
                    var row = cols.Slice(((c * g.KernelH + u) * g.KernelW + v) * ld + col0, g.OutPlane);
                    var (j0, j1) = ValidColumns(v, g);
                    int off = v - g.Padding.Left;
                    for (int i = 0; i < oh; i++)
                    {
                        int r = i * s + u - g.Padding.Top;
                        var dst = row.Slice(i * ow, ow);
                        if (r < 0 || r >= g.Height) { dst.Clear(); continue; }
                        var src = plane.Slice(r * g.Width, g.Width);
                        dst[..j0].Clear();
                        dst[j1..].Clear();
                        if (s == 1 && j1 - j0 >= 16) src.Slice(j0 + off, j1 - j0).CopyTo(dst[j0..j1]);
                        else if (s == 1) for (int j = j0; j < j1; j++) dst[j] = src[j + off];
                        else for (int j = j0; j < j1; j++) dst[j] = src[j * s + off];
                    }
                }
        }
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: adds each cols entry back to the input element it came from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Col2ImAdd(ReadOnlySpan<float> cols, int col0, int ld, Span<float> x, ConvGeometry g)
    {
        int oh = g.OutHeight, ow = g.OutWidth, s = g.Stride;
        for (int c = 0; c < g.InChannels; c++)
        {
            var plane = x.Slice(c * g.InPlane, g.InPlane);
            for (int u = 0; u < g.KernelH; u++)
                for (int v = 0; v < g.KernelW; v++)
                {
                    var row = cols.Slice(((c * g.KernelH + u) * g.KernelW + v) * ld + col0, g.OutPlane);
                    var (j0, j1) = ValidColumns(v, g);
                    int off = v - g.Padding.Left;
                    for (int i = 0; i < oh; i++)
                    {
                        int r = i * s + u - g.Padding.Top;
                        if (r < 0 || r >= g.Height) continue;
                        var src = row.Slice(i * ow, ow);
                        var dst = plane.Slice(r * g.Width, g.Width);
                        if (s == 1 && j1 - j0 >= 16)
                        {
                            var d = dst.Slice(j0 + off, j1 - j0);
                            TensorPrimitives.Add(d, src[j0..j1], d);
                        }
                        else if (s == 1)
                        {
                            // Short rows (small feature maps): a plain loop beats the call overhead.
                            for (int j = j0; j < j1; j++) dst[j + off] += src[j];
                        }
                        else for (int j = j0; j < j1; j++) dst[j * s + off] += src[j];
                    }
                }
        }
    }
}
