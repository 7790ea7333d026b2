using System.Runtime.CompilerServices;
namespace Cantus.Tensors.Kernels;

/// <summary>
/// Broadcasting copies and their adjoint, summing back to a smaller shape. Shapes are
/// aligned at the trailing dimension (NumPy rules); adjacent axes of the same kind are
/// coalesced so the inner loops run over contiguous memory.
/// </summary>
internal static class BroadcastKernels
{
    /// <summary>dst (shape <paramref name="large"/>) = src (shape <paramref name="small"/>) repeated along its size-1 axes.</summary>
    public static void Expand(ReadOnlySpan<float> src, TensorShape small, TensorShape large, Span<float> dst)
    {
        var (dims, isBroadcast) = Coalesce(small, large);
        ExpandRec(src, dst, dims, isBroadcast, 0, 0, 0);
    }

    /// <summary>dst (shape <paramref name="small"/>) = src (shape <paramref name="large"/>) summed over the broadcast axes, in double.</summary>
    public static void SumTo(ReadOnlySpan<float> src, TensorShape large, TensorShape small, Span<float> dst)
    {
        var (dims, isBroadcast) = Coalesce(small, large);
        var acc = new double[small.ElementCount];
        SumRec(src, acc, dims, isBroadcast, 0, 0, 0);
        for (int i = 0; i < acc.Length; i++) dst[i] = (float)acc[i];
    }

    /// <summary>
    /// Merges runs of axes that are all broadcast (small dim 1) or all kept, dropping size-1
    /// axes of the large shape. Returns the large dims and whether each is broadcast.
    /// </summary>
    private static (int[] Dims, bool[] IsBroadcast) Coalesce(TensorShape small, TensorShape large)
    {
        if (small.Rank > large.Rank) throw new ArgumentException($"Shape {small} has more axes than {large}.");
        var dims = new List<int>();
        var bc = new List<bool>();
        int offset = large.Rank - small.Rank;
        for (int i = 0; i < large.Rank; i++)
        {
            int l = large[i], s = i < offset ? 1 : small[i - offset];
            if (s != l && s != 1) throw new ArgumentException($"Shape {small} does not broadcast to {large}.");
            if (l == 1) continue;
            bool b = s == 1;
            if (dims.Count > 0 && bc[^1] == b) dims[^1] *= l;
            else { dims.Add(l); bc.Add(b); }
        }
        return (dims.ToArray(), bc.ToArray());
    }

    private static int Inner(int[] dims, bool[] bc, int from, bool smallSide)
    {
        int n = 1;
        for (int i = from; i < dims.Length; i++) if (!(smallSide && bc[i])) n *= dims[i];
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ExpandRec(ReadOnlySpan<float> src, Span<float> dst, int[] dims, bool[] bc, int axis, int so, int dOff)
    {
        if (axis == dims.Length)
        {
            dst[dOff] = src[so];
            return;
        }
        int n = dims[axis];
        if (axis == dims.Length - 1)
        {
            if (bc[axis]) dst.Slice(dOff, n).Fill(src[so]);
            else src.Slice(so, n).CopyTo(dst.Slice(dOff, n));
            return;
        }
        int dStride = Inner(dims, bc, axis + 1, false), sStride = Inner(dims, bc, axis + 1, true);
        for (int i = 0; i < n; i++)
            ExpandRec(src, dst, dims, bc, axis + 1, bc[axis] ? so : so + i * sStride, dOff + i * dStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumRec(ReadOnlySpan<float> src, double[] acc, int[] dims, bool[] bc, int axis, int so, int aOff)
    {
        if (axis == dims.Length)
        {
            acc[aOff] += src[so];
            return;
        }
        int n = dims[axis];
        if (axis == dims.Length - 1)
        {
            var run = src.Slice(so, n);
            if (bc[axis])
            {
                double s = 0;
                foreach (float v in run) s += v;
                acc[aOff] += s;
            }
            else
            {
                for (int i = 0; i < n; i++) acc[aOff + i] += run[i];
            }
            return;
        }
        int sStride = Inner(dims, bc, axis + 1, false), aStride = Inner(dims, bc, axis + 1, true);
        for (int i = 0; i < n; i++)
            SumRec(src, acc, dims, bc, axis + 1, so + i * sStride, bc[axis] ? aOff : aOff + i * aStride);
    }
}
