namespace Cantus.Tensors.Kernels;

/// <summary>
/// 2-D convolution as im2col + GEMM, and its two gradients. Per sample n, with the patch
/// matrix cols (Cin·KH·KW × OH·OW):
/// forward  y[n] = W (Cout × K) · cols + b;
/// input    dcols = Wᵀ · gy[n], scattered back by col2im (the transposed convolution);
/// weight   dW += gy[n] · colsᵀ.
/// Samples are split over threads in fixed ranges; with one sample the GEMM itself is
/// split. Either way results do not depend on scheduling.
/// </summary>
internal static class ConvKernels
{
    [ThreadStatic] private static float[]? t_cols;

    /// <summary>y = conv(x, w) + bias; arrays hold at least the geometry's element counts.</summary>
    public static void Forward(float[] xa, float[] wa, float[]? ba, float[] ya, ConvGeometry g)
    {
        int parts = WorkPartition.Parts(g.Batch);
        int gemmThreads = parts == 1 ? EngineSettings.ThreadCount : 1;
        WorkPartition.For(g.Batch, parts, (_, n0, n1) =>
        {
            var cols = Scratch(g.PatchSize * g.OutPlane);
            for (int n = n0; n < n1; n++)
            {
                Im2Col(xa.AsSpan(n * g.InChannels * g.InPlane, g.InChannels * g.InPlane), cols, g);
                var yn = ya.AsSpan(n * g.OutChannels * g.OutPlane, g.OutChannels * g.OutPlane);
                Gemm.Multiply(false, false, g.OutChannels, g.OutPlane, g.PatchSize, wa, g.PatchSize, cols, g.OutPlane, yn, g.OutPlane, false, gemmThreads);
                if (ba is not null)
                    for (int o = 0; o < g.OutChannels; o++)
                        System.Numerics.Tensors.TensorPrimitives.Add(yn.Slice(o * g.OutPlane, g.OutPlane), ba[o], yn.Slice(o * g.OutPlane, g.OutPlane));
            }
        });
    }

    /// <summary>dx = the adjoint of conv in x applied to gy (a transposed convolution).</summary>
    public static void InputGrad(float[] ga, float[] wa, float[] dxa, ConvGeometry g)
    {
        int parts = WorkPartition.Parts(g.Batch);
        int gemmThreads = parts == 1 ? EngineSettings.ThreadCount : 1;
        WorkPartition.For(g.Batch, parts, (_, n0, n1) =>
        {
            var cols = Scratch(g.PatchSize * g.OutPlane);
            for (int n = n0; n < n1; n++)
            {
                var gn = ga.AsSpan(n * g.OutChannels * g.OutPlane, g.OutChannels * g.OutPlane);
                Gemm.Multiply(true, false, g.PatchSize, g.OutPlane, g.OutChannels, wa, g.PatchSize, gn, g.OutPlane, cols, g.OutPlane, false, gemmThreads);
                var dxn = dxa.AsSpan(n * g.InChannels * g.InPlane, g.InChannels * g.InPlane);
                dxn.Clear();
                Col2ImAdd(cols, dxn, g);
            }
        });
    }

    /// <summary>dw = Σₙ gy[n] · im2col(x[n])ᵀ, the adjoint of conv in w.</summary>
    public static void WeightGrad(float[] xa, float[] ga, Span<float> dw, ConvGeometry g)
    {
        int size = g.OutChannels * g.PatchSize;
        int parts = WorkPartition.Parts(g.Batch);
        int gemmThreads = parts == 1 ? EngineSettings.ThreadCount : 1;
        var partials = new float[parts][];
        WorkPartition.For(g.Batch, parts, (p, n0, n1) =>
        {
            var cols = Scratch(g.PatchSize * g.OutPlane);
            var acc = partials[p] = new float[size];
            for (int n = n0; n < n1; n++)
            {
                Im2Col(xa.AsSpan(n * g.InChannels * g.InPlane, g.InChannels * g.InPlane), cols, g);
                var gn = ga.AsSpan(n * g.OutChannels * g.OutPlane, g.OutChannels * g.OutPlane);
                Gemm.Multiply(false, true, g.OutChannels, g.PatchSize, g.OutPlane, gn, g.OutPlane, cols, g.OutPlane, acc, g.PatchSize, n > n0, gemmThreads);
            }
        });
        // Fixed-order reduction of the per-part sums: deterministic for a given thread count.
        partials[0].AsSpan().CopyTo(dw);
        for (int p = 1; p < parts; p++) System.Numerics.Tensors.TensorPrimitives.Add(dw[..size], partials[p], dw[..size]);
    }

    /// <summary>cols[(c·KH+u)·KW+v, i·OW+j] = x[c, i·s+u−top, j·s+v−left], zero outside.</summary>
    internal static void Im2Col(ReadOnlySpan<float> x, Span<float> cols, ConvGeometry g)
    {
        int oh = g.OutHeight, ow = g.OutWidth, s = g.Stride;
        for (int c = 0; c < g.InChannels; c++)
        {
            var plane = x.Slice(c * g.InPlane, g.InPlane);
            for (int u = 0; u < g.KernelH; u++)
                for (int v = 0; v < g.KernelW; v++)
                {
                    var row = cols.Slice(((c * g.KernelH + u) * g.KernelW + v) * g.OutPlane, g.OutPlane);
                    for (int i = 0; i < oh; i++)
                    {
                        int r = i * s + u - g.Padding.Top;
                        var dst = row.Slice(i * ow, ow);
                        if (r < 0 || r >= g.Height) { dst.Clear(); continue; }
                        var src = plane.Slice(r * g.Width, g.Width);
                        for (int j = 0; j < ow; j++)
                        {
                            int q = j * s + v - g.Padding.Left;
                            dst[j] = (uint)q < (uint)g.Width ? src[q] : 0f;
                        }
                    }
                }
        }
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: adds each cols entry back to the input element it came from.</summary>
    internal static void Col2ImAdd(ReadOnlySpan<float> cols, Span<float> x, ConvGeometry g)
    {
        int oh = g.OutHeight, ow = g.OutWidth, s = g.Stride;
        for (int c = 0; c < g.InChannels; c++)
        {
            var plane = x.Slice(c * g.InPlane, g.InPlane);
            for (int u = 0; u < g.KernelH; u++)
                for (int v = 0; v < g.KernelW; v++)
                {
                    var row = cols.Slice(((c * g.KernelH + u) * g.KernelW + v) * g.OutPlane, g.OutPlane);
                    for (int i = 0; i < oh; i++)
                    {
                        int r = i * s + u - g.Padding.Top;
                        if (r < 0 || r >= g.Height) continue;
                        var src = row.Slice(i * ow, ow);
                        var dst = plane.Slice(r * g.Width, g.Width);
                        for (int j = 0; j < ow; j++)
                        {
                            int q = j * s + v - g.Padding.Left;
                            if ((uint)q < (uint)g.Width) dst[q] += src[j];
                        }
                    }
                }
        }
    }

    private static float[] Scratch(int size)
    {
        var a = t_cols;
        if (a is null || a.Length < size) t_cols = a = new float[size];
        return a;
    }
}
