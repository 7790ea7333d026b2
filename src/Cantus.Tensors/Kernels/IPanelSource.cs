namespace Cantus.Tensors.Kernels;

/// <summary>
/// Supplies the right-hand GEMM operand B (k×n) panel by panel: <see cref="PackB"/> writes
/// B[pc..pc+kc, jc..jc+nc] as NR-wide strips, k-major, columns past nc zero. A struct
/// implementation lets the JIT specialise the GEMM for each source (a matrix, or image
/// patches gathered on the fly so no im2col matrix is ever written).
/// </summary>
internal unsafe interface IPanelSource
{
    void PackB(float* dst, int pc, int kc, int jc, int nc, int nr);
}
