using System.Runtime.CompilerServices;
namespace Cantus.Tensors.Kernels;

/// <summary>
/// Nearest-neighbour ×2 upsampling of (N·C) planes, y[2i+a, 2j+b] = x[i, j], and its
/// adjoint, the 2×2 sum pooling x[i, j] = Σ_{a,b} y[2i+a, 2j+b].
/// </summary>
internal static class UpsampleKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Nearest2x(ReadOnlySpan<float> x, int planes, int h, int w, Span<float> y)
    {
        int ow = 2 * w;
        for (int p = 0; p < planes; p++)
        {
            var src = x.Slice(p * h * w, h * w);
            var dst = y.Slice(p * 4 * h * w, 4 * h * w);
            for (int i = 0; i < h; i++)
            {
                var row = dst.Slice(2 * i * ow, ow);
                for (int j = 0; j < w; j++) row[2 * j] = row[2 * j + 1] = src[i * w + j];
                row.CopyTo(dst.Slice((2 * i + 1) * ow, ow));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SumPool2x2(ReadOnlySpan<float> y, int planes, int h, int w, Span<float> x)
    {
        int ow = 2 * w;
        for (int p = 0; p < planes; p++)
        {
            var src = y.Slice(p * 4 * h * w, 4 * h * w);
            var dst = x.Slice(p * h * w, h * w);
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                {
                    int r0 = 2 * i * ow + 2 * j, r1 = r0 + ow;
                    // Pairwise order fixed: (a + b) + (c + d).
                    dst[i * w + j] = (src[r0] + src[r0 + 1]) + (src[r1] + src[r1 + 1]);
                }
        }
    }
}
