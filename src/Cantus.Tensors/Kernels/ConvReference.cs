namespace Cantus.Tensors.Kernels;

/// <summary>
/// Direct-loop convolution and its two gradients with double accumulation: the readable
/// definition and the test oracle for <see cref="ConvKernels"/>.
/// y[n,o,i,j] = b[o] + Σ_{c,u,v} x[n,c, i·s+u−top, j·s+v−left] · w[o,c,u,v] (zero outside).
/// </summary>
internal static class ConvReference
{
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y, ConvGeometry g)
    {
        for (int n = 0; n < g.Batch; n++)
            for (int o = 0; o < g.OutChannels; o++)
                for (int i = 0; i < g.OutHeight; i++)
                    for (int j = 0; j < g.OutWidth; j++)
                    {
                        double s = bias.IsEmpty ? 0 : bias[o];
                        for (int c = 0; c < g.InChannels; c++)
                            for (int u = 0; u < g.KernelH; u++)
                                for (int v = 0; v < g.KernelW; v++)
                                {
                                    int r = i * g.Stride + u - g.Padding.Top, q = j * g.Stride + v - g.Padding.Left;
                                    if (r < 0 || r >= g.Height || q < 0 || q >= g.Width) continue;
                                    s += (double)x[((n * g.InChannels + c) * g.Height + r) * g.Width + q] * w[((o * g.InChannels + c) * g.KernelH + u) * g.KernelW + v];
                                }
                        y[((n * g.OutChannels + o) * g.OutHeight + i) * g.OutWidth + j] = (float)s;
                    }
    }

    /// <summary>dx = Σ over outputs of gy · w at the taps each output read (the adjoint in x).</summary>
    public static void InputGrad(ReadOnlySpan<float> gy, ReadOnlySpan<float> w, Span<float> dx, ConvGeometry g)
    {
        var acc = new double[g.Batch * g.InChannels * g.InPlane];
        float[] gyA = gy.ToArray(), wA = w.ToArray(); // spans cannot be captured by the lambda
        Visit(g, (xi, wi, yi) => acc[xi] += (double)gyA[yi] * wA[wi]);
        for (int i = 0; i < acc.Length; i++) dx[i] = (float)acc[i];
    }

    /// <summary>dw = Σ over outputs of gy · x at the taps (the adjoint in w).</summary>
    public static void WeightGrad(ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> dw, ConvGeometry g)
    {
        var acc = new double[g.OutChannels * g.PatchSize];
        float[] gyA = gy.ToArray(), xA = x.ToArray();
        Visit(g, (xi, wi, yi) => acc[wi] += (double)gyA[yi] * xA[xi]);
        for (int i = 0; i < acc.Length; i++) dw[i] = (float)acc[i];
    }

    private static void Visit(ConvGeometry g, Action<int, int, int> tap)
    {
        for (int n = 0; n < g.Batch; n++)
            for (int o = 0; o < g.OutChannels; o++)
                for (int i = 0; i < g.OutHeight; i++)
                    for (int j = 0; j < g.OutWidth; j++)
                        for (int c = 0; c < g.InChannels; c++)
                            for (int u = 0; u < g.KernelH; u++)
                                for (int v = 0; v < g.KernelW; v++)
                                {
                                    int r = i * g.Stride + u - g.Padding.Top, q = j * g.Stride + v - g.Padding.Left;
                                    if (r < 0 || r >= g.Height || q < 0 || q >= g.Width) continue;
                                    tap(((n * g.InChannels + c) * g.Height + r) * g.Width + q,
                                        ((o * g.InChannels + c) * g.KernelH + u) * g.KernelW + v,
                                        ((n * g.OutChannels + o) * g.OutHeight + i) * g.OutWidth + j);
                                }
    }
}
