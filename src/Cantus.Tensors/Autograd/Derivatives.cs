using Cantus.Tensors.Kernels;
using Cantus.Tensors.Ops;

namespace Cantus.Tensors.Autograd;

/// <summary>
/// Every backward rule of the engine, in one place. Each takes the gradient g of the op's
/// output and returns the gradients of its inputs (null where not needed). Rules are built
/// from differentiable ops only, so when <c>createGraph</c> is on the returned gradients
/// can be differentiated again; masks of piecewise-linear ops are graph-free constants
/// (their derivative is zero almost everywhere).
/// </summary>
internal static class Derivatives
{
    // y = x + s: dx = g
    public static Tensor?[] AddScalar(Tensor g) => [g];

    // y = s·x: dx = s·g
    public static Tensor?[] MulScalar(Tensor g, float s) => [ElementwiseOps.MulScalar(g, s)];

    // y = −x: dx = −g
    public static Tensor?[] Neg(Tensor g) => [ElementwiseOps.Neg(g)];

    // y = a + b (broadcast): da = Σ_broadcast g, db = Σ_broadcast g
    public static Tensor?[] Add(Tensor g, Tensor a, Tensor b, bool[] n) =>
        [n[0] ? ReductionOps.SumTo(g, a.Shape) : null, n[1] ? ReductionOps.SumTo(g, b.Shape) : null];

    // y = a − b: da = g, db = −g
    public static Tensor?[] Sub(Tensor g, Tensor a, Tensor b, bool[] n) =>
        [n[0] ? ReductionOps.SumTo(g, a.Shape) : null, n[1] ? ReductionOps.SumTo(ElementwiseOps.Neg(g), b.Shape) : null];

    // y = a·b: da = g·b, db = g·a
    public static Tensor?[] Mul(Tensor g, Tensor a, Tensor b, bool[] n) =>
        [n[0] ? ReductionOps.SumTo(ElementwiseOps.Mul(g, b), a.Shape) : null, n[1] ? ReductionOps.SumTo(ElementwiseOps.Mul(g, a), b.Shape) : null];

    // y = a / b: da = g / b, db = −g·a / b²
    public static Tensor?[] Div(Tensor g, Tensor a, Tensor b, bool[] n) =>
    [
        n[0] ? ReductionOps.SumTo(ElementwiseOps.Div(g, b), a.Shape) : null,
        n[1] ? ReductionOps.SumTo(ElementwiseOps.Neg(ElementwiseOps.Div(ElementwiseOps.Mul(g, a), ElementwiseOps.Square(b))), b.Shape) : null,
    ];

    // y = x²: dx = 2x·g
    public static Tensor?[] Square(Tensor g, Tensor x) => [ElementwiseOps.Mul(g, ElementwiseOps.MulScalar(x, 2f))];

    // y = xᵖ: dx = p·xᵖ⁻¹·g
    public static Tensor?[] Pow(Tensor g, Tensor x, float p) =>
        [ElementwiseOps.Mul(g, ElementwiseOps.MulScalar(p - 1f == 1f ? x : ElementwiseOps.Pow(x, p - 1f), p))];

    // y = √x: dx = g / (2y)
    public static Tensor?[] Sqrt(Tensor g, Tensor y, bool[] n) => [ElementwiseOps.Div(g, ElementwiseOps.MulScalar(y, 2f))];

    // y = eˣ: dx = g·y
    public static Tensor?[] Exp(Tensor g, Tensor y, bool[] n) => [ElementwiseOps.Mul(g, y)];

    // y = ln x: dx = g / x
    public static Tensor?[] Log(Tensor g, Tensor x) => [ElementwiseOps.Div(g, x)];

    // y = tanh x: dx = g·(1 − y²)
    public static Tensor?[] Tanh(Tensor g, Tensor y, bool[] n) =>
        [ElementwiseOps.Mul(g, ElementwiseOps.AddScalar(ElementwiseOps.Neg(ElementwiseOps.Square(y)), 1f))];

    // y = σ(x): dx = g·y·(1 − y)
    public static Tensor?[] Sigmoid(Tensor g, Tensor y, bool[] n) =>
        [ElementwiseOps.Mul(g, ElementwiseOps.Mul(y, ElementwiseOps.AddScalar(ElementwiseOps.Neg(y), 1f)))];

    // y = x > 0 ? x : s·x: dx = g·(x > 0 ? 1 : s), one op linear in g (the mask is constant a.e.)
    public static Tensor?[] LeakyRelu(Tensor g, Tensor x, float slope) => [ElementwiseOps.LeakyReluBackward(g, x, slope)];

    // dx = leaky_relu_backward(g, x) is linear in g with the same mask: its own adjoint; ∂/∂x = 0 a.e.
    public static Tensor?[] LeakyReluBackward(Tensor gg, Tensor x, float slope) => [ElementwiseOps.LeakyReluBackward(gg, x, slope)];

    // y = sum_to(x, shape): dx = g broadcast back; y = expand(x, shape): dx = g summed back
    public static Tensor?[] SumTo(Tensor g, TensorShape xShape) => [ReductionOps.Expand(g, xShape)];

    public static Tensor?[] Expand(Tensor g, TensorShape xShape) => [ReductionOps.SumTo(g, xShape)];

    // y = reshape(x): dx = reshape(g) back; y = xᵀ: dx = gᵀ
    public static Tensor?[] Reshape(Tensor g, TensorShape xShape) => [ShapeOps.Reshape(g, xShape)];

    public static Tensor?[] Transpose(Tensor g) => [ShapeOps.Transpose(g)];

    // y = upsample×2(x): dx = 2×2 sum pool of g; y = sum_pool(x): dx = upsample×2(g)
    public static Tensor?[] UpsampleNearest2x(Tensor g) => [ConvOps.SumPool2x2(g)];

    public static Tensor?[] SumPool2x2(Tensor g) => [ConvOps.UpsampleNearest2x(g)];

    // y = concat(xs, axis): dxᵢ = g narrowed to xᵢ's slot
    public static Tensor?[] Concat(Tensor g, Tensor[] xs, int axis, int[] starts, bool[] n)
    {
        var r = new Tensor?[xs.Length];
        for (int i = 0; i < xs.Length; i++)
            if (n[i]) r[i] = ShapeOps.Narrow(g, axis, starts[i], xs[i].Shape[axis]);
        return r;
    }

    // y = narrow(x, axis, start, len): dx = zeros with g in the slot (concat with zero blocks)
    public static Tensor NarrowBackward(Tensor g, TensorShape xShape, int axis, int start)
    {
        var parts = new List<Tensor>(3);
        int after = xShape[axis] - start - g.Shape[axis];
        if (start > 0) parts.Add(Tensor.Zeros(WithAxis(xShape, axis, start)));
        parts.Add(g);
        if (after > 0) parts.Add(Tensor.Zeros(WithAxis(xShape, axis, after)));
        return ShapeOps.Concat(parts, axis);
    }

    // C = op(A)·op(B): dA = g·op(B)ᵀ (transposed back if A was), dB = op(A)ᵀ·g (likewise)
    public static Tensor?[] MatMul(Tensor g, Tensor a, Tensor b, bool ta, bool tb, bool[] n) =>
    [
        n[0] ? (ta ? MatMulOps.MatMul(b, g, tb, true) : MatMulOps.MatMul(g, b, false, !tb)) : null,
        n[1] ? (tb ? MatMulOps.MatMul(g, a, true, ta) : MatMulOps.MatMul(a, g, !ta, false)) : null,
    ];

    // y = conv(x, w) + b: dx = convᵀ(g, w), dw = conv_w(x, g), db = Σ_{n,h,w} g
    public static Tensor?[] Conv2d(Tensor g, Tensor x, Tensor w, ConvGeometry geo, bool[] n)
    {
        var r = new Tensor?[n.Length];
        if (n[0]) r[0] = ConvOps.Conv2dInputGrad(g, w, geo);
        if (n[1]) r[1] = ConvOps.Conv2dWeightGrad(x, g, geo);
        if (n.Length > 2 && n[2]) r[2] = ReductionOps.Sum(g, [0, 2, 3], false);
        return r;
    }

    // dx = convᵀ(gy, w) is linear in gy and w; with G the gradient of dx:
    // ⟨convᵀ(gy, w), G⟩ = ⟨gy, conv(G, w)⟩ = ⟨w, conv_w(G, gy)⟩
    public static Tensor?[] Conv2dInputGrad(Tensor gg, Tensor gy, Tensor w, ConvGeometry geo, bool[] n) =>
    [
        n[0] ? ConvOps.Conv2d(gg, w, null, geo.Stride, geo.Padding) : null,
        n[1] ? ConvOps.Conv2dWeightGrad(gg, gy, geo) : null,
    ];

    // dw = conv_w(x, gy) is bilinear; with G the gradient of dw:
    // ⟨conv_w(x, gy), G⟩ = ⟨conv(x, G), gy⟩ = ⟨x, convᵀ(gy, G)⟩
    public static Tensor?[] Conv2dWeightGrad(Tensor gg, Tensor x, Tensor gy, ConvGeometry geo, bool[] n) =>
    [
        n[0] ? ConvOps.Conv2dInputGrad(gy, gg, geo) : null,
        n[1] ? ConvOps.Conv2d(x, gg, null, geo.Stride, geo.Padding) : null,
    ];

    // y = upconv(x, w) + b (upsample ×2 then 4×4 'same' conv): the same adjoint structure as conv2d
    public static Tensor?[] UpsampleConv2d(Tensor g, Tensor x, Tensor w, bool[] n)
    {
        var r = new Tensor?[n.Length];
        if (n[0]) r[0] = ConvOps.UpsampleConv2dInputGrad(g, w, x.Shape);
        if (n[1]) r[1] = ConvOps.UpsampleConv2dWeightGrad(x, g, w.Shape);
        if (n.Length > 2 && n[2]) r[2] = ReductionOps.Sum(g, [0, 2, 3], false);
        return r;
    }

    public static Tensor?[] UpsampleConv2dInputGrad(Tensor gg, Tensor gy, Tensor w, bool[] n) =>
    [
        n[0] ? ConvOps.UpsampleConv2d(gg, w, null) : null,
        n[1] ? ConvOps.UpsampleConv2dWeightGrad(gg, gy, w.Shape) : null,
    ];

    public static Tensor?[] UpsampleConv2dWeightGrad(Tensor gg, Tensor x, Tensor gy, bool[] n) =>
    [
        n[0] ? ConvOps.UpsampleConv2dInputGrad(gy, gg, x.Shape) : null,
        n[1] ? ConvOps.UpsampleConv2d(x, gg, null) : null,
    ];

    // y = batch_norm(x, γ, β) with batch statistics: fused closed form, or, when the gradient
    // itself must be differentiable, the gradient of the composed definition.
    public static Tensor?[] BatchNorm(Tensor g, Tensor x, Tensor gamma, Tensor beta, float eps, double[] mean, double[] invStd, bool[] n)
    {
        if (GradMode.IsEnabled) return Gradients.Grad([NormalizationOps.ComposedTrain(x, gamma, beta, eps)], [x, gamma, beta], [g], createGraph: true);
        int c = x.Shape[1];
        var dx = n[0] ? Tensor.Zeros(x.Shape) : null;
        var dGamma = Tensor.Zeros(c);
        var dBeta = Tensor.Zeros(c);
        BatchNormKernels.Backward(g.Data, x.Data, x.Shape[0], c, x.Shape[2] * x.Shape[3], mean, invStd, gamma.Data, dx?.Data, dGamma.Data, dBeta.Data);
        return [dx, dGamma, dBeta];
    }

    private static TensorShape WithAxis(TensorShape s, int axis, int size)
    {
        var d = s.ToArray();
        d[axis] = size;
        return new TensorShape(d);
    }
}
