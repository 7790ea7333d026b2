using System.Runtime.CompilerServices;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// The transposed im2col matrix of a chunk of samples as a GEMM right-hand operand, for the
/// weight gradient dW = G·colsᵀ: B[s·OH·OW + i·OW + j, (c·KH+u)·KW+v] =
/// x[s, c, i·stride+u−top, j·stride+v−left], zero outside, gathered while packing.
/// </summary>
internal readonly unsafe struct Im2ColTransposedPanels(float* x, ConvGeometry g) : IPanelSource
{
    private readonly int _sampleStride = g.InChannels * g.InPlane;
    private readonly int _plane = g.InPlane;
    private readonly int _h = g.Height, _w = g.Width, _kh = g.KernelH, _kw = g.KernelW, _stride = g.Stride;
    private readonly int _top = g.Padding.Top, _left = g.Padding.Left, _ow = g.OutWidth, _outPlane = g.OutPlane;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void PackB(float* dst, int pc, int kc, int jc, int nc, int nr)
    {
        int* channelOffset = stackalloc int[64];
        int* tapRow = stackalloc int[64];
        int* tapCol = stackalloc int[64];
        int khw = _kh * _kw;
        for (int jr = 0; jr < nc; jr += nr)
        {
            float* strip = dst + (long)(jr / nr) * kc * nr;
            int nw = Math.Min(nr, nc - jr);
            for (int j = 0; j < nw; j++)
            {
                int k = jc + jr + j, c = k / khw, uv = k - c * khw, u = uv / _kw;
                channelOffset[j] = c * _plane;
                tapRow[j] = u;
                tapCol[j] = uv - u * _kw;
            }
            for (int p = 0; p < kc; p++)
            {
                int pix = pc + p, s = pix / _outPlane, rest = pix - s * _outPlane, i = rest / _ow, jj = rest - i * _ow;
                float* sample = x + (long)s * _sampleStride;
                int r0 = i * _stride - _top, q0 = jj * _stride - _left;
                float* d = strip + (long)p * nr;
                for (int j = 0; j < nw; j++)
                {
                    int r = r0 + tapRow[j], q = q0 + tapCol[j];
                    d[j] = (uint)r < (uint)_h && (uint)q < (uint)_w ? sample[channelOffset[j] + r * _w + q] : 0f;
                }
                for (int j = nw; j < nr; j++) d[j] = 0;
            }
        }
    }
}
