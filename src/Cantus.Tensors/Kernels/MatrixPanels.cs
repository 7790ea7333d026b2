using System.Runtime.CompilerServices;

namespace Cantus.Tensors.Kernels;

/// <summary>The right-hand GEMM operand op(B) read from a row-major matrix (leading dimension ldb).</summary>
internal readonly unsafe struct MatrixPanels(float* b, int ldb, bool transB) : IPanelSource
{
    /// <summary>Packs op(B)[pc..pc+kc, jc..jc+nc] as NR-wide strips, k-major, zero-padded columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void PackB(float* dst, int pc, int kc, int jc, int nc, int nr)
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            float* strip = dst + (long)(jr / nr) * kc * nr;
            int nw = Math.Min(nr, nc - jr);
            if (!transB)
            {
                for (int p = 0; p < kc; p++)
                {
                    float* src = b + (long)(pc + p) * ldb + jc + jr;
                    float* d = strip + p * nr;
                    int j = 0;
                    for (; j < nw; j++) d[j] = src[j];
                    for (; j < nr; j++) d[j] = 0;
                }
            }
            else
            {
                for (int j = 0; j < nr; j++)
                {
                    if (j >= nw)
                    {
                        for (int p = 0; p < kc; p++) strip[p * nr + j] = 0;
                        continue;
                    }
                    float* src = b + (long)(jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) strip[p * nr + j] = src[p];
                }
            }
        }
    }
}
