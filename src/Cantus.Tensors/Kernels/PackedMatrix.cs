namespace Cantus.Tensors.Kernels;

/// <summary>
/// A left-hand GEMM operand packed once by <see cref="Gemm.Pack"/>: for each KC-deep block
/// of columns, MR-tall strips of rows, k-major (multiplications pin it while they run).
/// </summary>
internal sealed class PackedMatrix(float[] data, int rows, int cols)
{
    /// <summary>The row-major matrix this was packed from, when a kernel may prefer it (direct convolution).</summary>
    public float[]? Unpacked { get; init; }

    public float[] Data { get; } = data;

    public int Rows { get; } = rows;

    public int Cols { get; } = cols;
}
