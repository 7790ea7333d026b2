namespace Cantus.Tensors.Kernels;

/// <summary>Copies that rearrange memory: concatenation, narrowing, 2-D transpose.</summary>
internal static class ShapeKernels
{
    /// <summary>
    /// Copies a block of <paramref name="rows"/> rows of <paramref name="width"/> floats from
    /// src (row stride <paramref name="srcStride"/>) to dst (row stride <paramref name="dstStride"/>).
    /// Concat and narrow along an axis are this copy with outer = product of leading dims.
    /// </summary>
    public static void CopyRows(ReadOnlySpan<float> src, int srcOffset, int srcStride, Span<float> dst, int dstOffset, int dstStride, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
            src.Slice(srcOffset + r * srcStride, width).CopyTo(dst.Slice(dstOffset + r * dstStride, width));
    }

    /// <summary>dst (cols×rows) = transpose of src (rows×cols), in 32×32 blocks for cache reuse.</summary>
    public static void Transpose(ReadOnlySpan<float> src, int rows, int cols, Span<float> dst)
    {
        const int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block)
        {
            int i1 = Math.Min(rows, i0 + block);
            for (int j0 = 0; j0 < cols; j0 += block)
            {
                int j1 = Math.Min(cols, j0 + block);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++)
                        dst[j * rows + i] = src[i * cols + j];
            }
        }
    }
}
