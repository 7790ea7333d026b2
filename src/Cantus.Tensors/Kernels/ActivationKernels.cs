using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// Piecewise-linear activations and their derivative masks, vectorised with a scalar tail
/// (the scalar loops are the reference: <see cref="LeakyReluScalar"/>, <see cref="LeakyReluBackwardScalar"/>).
/// </summary>
internal static class ActivationKernels
{
    /// <summary>y = x &gt; 0 ? x : slope·x (slope 0 gives ReLU).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> y)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(slope);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, v * s).CopyTo(y.Slice(i));
            }
        }
        LeakyReluScalar(x[i..], slope, y[i..]);
    }

    public static void LeakyReluScalar(ReadOnlySpan<float> x, float slope, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : x[i] * slope;
    }

    /// <summary>dx = x &gt; 0 ? g : slope·g (the mask applied without materialising it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyReluBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float slope, Span<float> dx)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(slope);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var xv = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                var gv = Vector256.Create(g.Slice(i, Vector256<float>.Count));
                Vector256.ConditionalSelect(Vector256.GreaterThan(xv, Vector256<float>.Zero), gv, gv * s).CopyTo(dx.Slice(i));
            }
        }
        LeakyReluBackwardScalar(g[i..], x[i..], slope, dx[i..]);
    }

    public static void LeakyReluBackwardScalar(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float slope, Span<float> dx)
    {
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] > 0 ? g[i] : g[i] * slope;
    }
}
