using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// The im2col matrix of a chunk of samples as a GEMM right-hand operand, gathered straight
/// from the image while packing (implicit GEMM): B[(c·KH+u)·KW+v, s·OH·OW + i·OW + j] =
/// x[s, c, i·stride+u−top, j·stride+v−left], zero outside the image. The patch matrix is
/// never written, saving a full pass over memory per convolution.
/// </summary>
internal readonly unsafe struct Im2ColPanels(float* x, ConvGeometry g, float* end) : IPanelSource
{
    private readonly int _sampleStride = g.InChannels * g.InPlane;
    private readonly int _plane = g.InPlane;
    private readonly int _h = g.Height, _w = g.Width, _kh = g.KernelH, _kw = g.KernelW, _stride = g.Stride;
    private readonly int _top = g.Padding.Top, _left = g.Padding.Left, _ow = g.OutWidth, _outPlane = g.OutPlane;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void PackB(float* dst, int pc, int kc, int jc, int nc, int nr)
    {
        // A strip's columns split into runs within one output row of one sample.
        int* segOffset = stackalloc int[65];
        int* segLength = stackalloc int[65];
        int* segBase = stackalloc int[65];
        int* segRow = stackalloc int[65];
        int* segCol = stackalloc int[65];
        int khw = _kh * _kw;
        for (int jr = 0; jr < nc; jr += nr)
        {
            float* strip = dst + (long)(jr / nr) * kc * nr;
            int nw = Math.Min(nr, nc - jr);
            int segs = 0;
            for (int j = jc + jr, end = j + nw; j < end;)
            {
                int s = j / _outPlane, pix = j - s * _outPlane, i = pix / _ow, jj = pix - i * _ow;
                int len = Math.Min(end - j, _ow - jj);
                segOffset[segs] = j - (jc + jr);
                segLength[segs] = len;
                segBase[segs] = s * _sampleStride;
                segRow[segs] = i * _stride - _top;
                segCol[segs] = jj * _stride - _left;
                segs++;
                j += len;
            }
            for (int p = 0; p < kc; p++)
            {
                int k = pc + p, c = k / khw, uv = k - c * khw, u = uv / _kw, v = uv - u * _kw;
                float* d = strip + (long)p * nr;
                for (int sg = 0; sg < segs; sg++)
                {
                    float* ds = d + segOffset[sg];
                    int len = segLength[sg], r = segRow[sg] + u;
                    if ((uint)r >= (uint)_h)
                    {
                        for (int t = 0; t < len; t++) ds[t] = 0;
                        continue;
                    }
                    float* row = x + segBase[sg] + (long)c * _plane + (long)r * _w;
                    int q0 = segCol[sg] + v;
                    if (_stride == 1)
                    {
                        int t0 = Math.Max(0, -q0), t1 = Math.Max(t0, Math.Min(len, _w - q0));
                        for (int t = 0; t < t0; t++) ds[t] = 0;
                        if (t1 - t0 >= 16) new ReadOnlySpan<float>(row + q0 + t0, t1 - t0).CopyTo(new Span<float>(ds + t0, t1 - t0));
                        else for (int t = t0; t < t1; t++) ds[t] = row[q0 + t];
                        for (int t = t1; t < len; t++) ds[t] = 0;
                    }
                    else if (_stride == 2 && Avx512F.IsSupported && len % 16 == 0 && q0 >= 0 && q0 + 2 * len - 2 < _w && row + q0 + 2 * len <= end)
                    {
                        // Every other element of a run inside the row: two loads and one two-source
                        // permute per 16 outputs (the last load may touch one float past the row,
                        // never past the array: checked against end).
                        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                        for (int t = 0; t < len; t += 16)
                        {
                            float* src = row + q0 + 2 * t;
                            Avx512F.PermuteVar16x32x2(Vector512.Load(src), even, Vector512.Load(src + 16)).Store(ds + t);
                        }
                    }
                    else
                    {
                        for (int t = 0; t < len; t++)
                        {
                            int q = q0 + t * _stride;
                            ds[t] = (uint)q < (uint)_w ? row[q] : 0f;
                        }
                    }
                }
                for (int j = nw; j < nr; j++) d[j] = 0;
            }
        }
    }
}
