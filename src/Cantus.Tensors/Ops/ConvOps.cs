using Cantus.Tensors.Autograd;
using Cantus.Tensors.Kernels;

namespace Cantus.Tensors.Ops;

/// <summary>
/// Convolution and its two adjoints as three differentiable ops (so the gradient of a
/// gradient exists, as the WGAN-GP penalty needs), plus nearest ×2 upsampling and its adjoint.
/// </summary>
internal static class ConvOps
{
    // x: (N, Cin, H, W), w: (Cout, Cin, KH, KW), b: (Cout) or null → y: (N, Cout, OH, OW)
    public static Tensor Conv2d(Tensor x, Tensor w, Tensor? b, int stride, Padding2d padding)
    {
        var g = ConvGeometry.From(x.Shape, w.Shape, stride, padding);
        if (b is not null && (b.Rank != 1 || b.Shape[0] != g.OutChannels))
            throw new ArgumentException($"conv2d bias must be ({g.OutChannels}); got {b.Shape}.", nameof(b));
        var y = new Tensor(g.OutputShape);
        ConvKernels.Forward(x.Data, Packed(w, "conv:" + g.PatchSize, old => ConvKernels.PackForward(w.Data, g, old)), b?.Data, y.Data, g);
        Tensor[] inputs = b is null ? [x, w] : [x, w, b];
        return Tape.Record(y, "conv2d", inputs, (gy, needs) => Derivatives.Conv2d(gy, x, w, g, needs));
    }

    /// <summary>The data gradient of conv2d (a transposed convolution): dx (N, Cin, H, W) from gy (N, Cout, OH, OW).</summary>
    public static Tensor Conv2dInputGrad(Tensor gy, Tensor w, ConvGeometry g)
    {
        CheckShape(gy, g.OutputShape, "output gradient");
        CheckShape(w, g.WeightShape, "weight");
        var dx = new Tensor(g.InputShape);
        ConvKernels.InputGrad(gy.Data, w.Data, dx.Data, g,
            p => Packed(w, $"conv_t{p}:{g.Height}x{g.Width}:{g.Stride}:{g.Padding}", old => StridedInputGradKernels.PackPhase(w.Data, g, p, old)),
            () => Packed(w, "conv_t:" + g.PatchSize, old => ConvKernels.PackInputGrad(w.Data, g, old)));
        return Tape.Record(dx, "conv2d_input_grad", [gy, w], (gg, needs) => Derivatives.Conv2dInputGrad(gg, gy, w, g, needs));
    }

    /// <summary>The weight gradient of conv2d: dw (Cout, Cin, KH, KW) from x and gy.</summary>
    public static Tensor Conv2dWeightGrad(Tensor x, Tensor gy, ConvGeometry g)
    {
        CheckShape(x, g.InputShape, "input");
        CheckShape(gy, g.OutputShape, "output gradient");
        var dw = new Tensor(g.WeightShape);
        ConvKernels.WeightGrad(x.Data, gy.Data, dw.Span, g);
        return Tape.Record(dw, "conv2d_weight_grad", [x, gy], (gg, needs) => Derivatives.Conv2dWeightGrad(gg, x, gy, g, needs));
    }

    // x: (N, Cin, H, W), w: (Cout, Cin, 4, 4), b: (Cout) or null → y: (N, Cout, 2H, 2W)
    public static Tensor UpsampleConv2d(Tensor x, Tensor w, Tensor? b)
    {
        if (x.Rank != 4) throw new ArgumentException($"Upsampling convolution needs (N, C, H, W); got {x.Shape}.", nameof(x));
        if (w.Rank != 4 || w.Shape[1] != x.Shape[1] || w.Shape[2] != 4 || w.Shape[3] != 4)
            throw new ArgumentException($"Upsampling convolution needs a (Cout, {x.Shape[1]}, 4, 4) kernel; got {w.Shape}.", nameof(w));
        int n = x.Shape[0], cin = x.Shape[1], h = x.Shape[2], wd = x.Shape[3], cout = w.Shape[0];
        if (b is not null && (b.Rank != 1 || b.Shape[0] != cout)) throw new ArgumentException($"Bias must be ({cout}); got {b.Shape}.", nameof(b));
        var y = new Tensor(new TensorShape(n, cout, 2 * h, 2 * wd));
        var phases = PackedPhases(w, "upconv", (p, old) => UpsampleConvKernels.PackForward(w.Data, cin, cout, p, old));
        UpsampleConvKernels.Forward(x.Data, phases, b?.Data, y.Data, n, cin, h, wd, cout);
        Tensor[] inputs = b is null ? [x, w] : [x, w, b];
        return Tape.Record(y, "upsample_conv2d", inputs, (gy, needs) => Derivatives.UpsampleConv2d(gy, x, w, needs));
    }

    /// <summary>The data gradient of <see cref="UpsampleConv2d"/>: dx (N, Cin, H, W) from gy (N, Cout, 2H, 2W).</summary>
    public static Tensor UpsampleConv2dInputGrad(Tensor gy, Tensor w, TensorShape xShape)
    {
        int n = xShape[0], cin = xShape[1], h = xShape[2], wd = xShape[3], cout = w.Shape[0];
        CheckShape(gy, new TensorShape(n, cout, 2 * h, 2 * wd), "output gradient");
        var dx = new Tensor(xShape);
        var phases = PackedPhases(w, "upconv_t", (p, old) => UpsampleConvKernels.PackInputGrad(w.Data, cin, cout, p, old));
        UpsampleConvKernels.InputGrad(gy.Data, phases, dx.Data, n, cin, h, wd, cout);
        return Tape.Record(dx, "upsample_conv2d_input_grad", [gy, w], (gg, needs) => Derivatives.UpsampleConv2dInputGrad(gg, gy, w, needs));
    }

    /// <summary>The weight gradient of <see cref="UpsampleConv2d"/>: dw (Cout, Cin, 4, 4).</summary>
    public static Tensor UpsampleConv2dWeightGrad(Tensor x, Tensor gy, TensorShape wShape)
    {
        int n = x.Shape[0], cin = x.Shape[1], h = x.Shape[2], wd = x.Shape[3], cout = wShape[0];
        CheckShape(gy, new TensorShape(n, cout, 2 * h, 2 * wd), "output gradient");
        var dw = new Tensor(wShape);
        UpsampleConvKernels.WeightGrad(x.Data, gy.Data, dw.Span, n, cin, h, wd, cout);
        return Tape.Record(dw, "upsample_conv2d_weight_grad", [x, gy], (gg, needs) => Derivatives.UpsampleConv2dWeightGrad(gg, x, gy, needs));
    }

    // x: (N, C, H, W) → (N, C, 2H, 2W)
    public static Tensor UpsampleNearest2x(Tensor x)
    {
        if (x.Rank != 4) throw new ArgumentException($"Upsampling needs (N, C, H, W); got {x.Shape}.", nameof(x));
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        var y = new Tensor(new TensorShape(n, c, 2 * h, 2 * w));
        UpsampleKernels.Nearest2x(x.AsReadOnlySpan(), n * c, h, w, y.Span);
        return Tape.Record(y, "upsample_nearest2x", [x], (g, needs) => Derivatives.UpsampleNearest2x(g));
    }

    // y: (N, C, 2H, 2W) → (N, C, H, W), the adjoint of UpsampleNearest2x.
    public static Tensor SumPool2x2(Tensor y)
    {
        if (y.Rank != 4 || y.Shape[2] % 2 != 0 || y.Shape[3] % 2 != 0) throw new ArgumentException($"2×2 sum pooling needs (N, C, even H, even W); got {y.Shape}.", nameof(y));
        int n = y.Shape[0], c = y.Shape[1], h = y.Shape[2] / 2, w = y.Shape[3] / 2;
        var x = new Tensor(new TensorShape(n, c, h, w));
        UpsampleKernels.SumPool2x2(y.AsReadOnlySpan(), n * c, h, w, x.Span);
        return Tape.Record(x, "sum_pool2x2", [y], (g, needs) => Derivatives.SumPool2x2(g));
    }

    /// <summary>
    /// A weight's packed form: cached for parameters (leaves that require grad), rebuilt after
    /// in-place writes; gradients used as kernels in backward passes are packed afresh.
    /// </summary>
    private static PackedMatrix Packed(Tensor w, string key, Func<PackedMatrix?, PackedMatrix> build) =>
        w.IsLeaf && w.RequiresGrad ? PackedWeightCache.Get(w.Storage, key, build) : build(null);

    private static PackedMatrix[] PackedPhases(Tensor w, string key, Func<int, PackedMatrix?, PackedMatrix> build) =>
        [.. Enumerable.Range(0, 4).Select(p => Packed(w, key + p, old => build(p, old)))];

    private static void CheckShape(Tensor t, TensorShape expected, string what)
    {
        if (!t.Shape.Equals(expected)) throw new ArgumentException($"conv2d {what} has shape {t.Shape}; expected {expected}.");
    }
}
