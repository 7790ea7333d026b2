using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// Single-precision GEMM, C (m×n) = op(A) (m×k) · op(B) (k×n) [+ C], row-major with
/// leading dimensions, op = identity or transpose. Goto-style blocking: B is packed in
/// KC×NC panels of NR-wide strips, A in MC×KC blocks of MR-tall strips, and an MR×NR
/// register-blocked micro-kernel (<see cref="GemmMicroKernels"/>) runs over them.
/// </summary>
/// <remarks>
/// Threads split the columns (or, for narrow products, the rows) into fixed tile-aligned
/// ranges; every element of C is computed by one thread with the same summation order
/// whatever the thread count, so results are bit-identical for 1 or many threads.
/// </remarks>
internal static unsafe class Gemm
{
    public const int MR = GemmMicroKernels.MR;
    private const int KC = 256;
    private const int MC = 96;
    private const int NC = 512;
    private const double MinParallelFlops = 1 << 21;

    [ThreadStatic] private static float[]? t_packA;
    [ThreadStatic] private static float[]? t_packB;

    /// <summary>The path <see cref="GemmPath.Auto"/> resolves to on this machine.</summary>
    public static GemmPath BestPath =>
        Vector512.IsHardwareAccelerated ? GemmPath.Vector512 :
        Vector256.IsHardwareAccelerated ? GemmPath.Vector256 : GemmPath.Scalar;

    /// <summary>
    /// The path for an n-column product: <see cref="BestPath"/>, except that products at most
    /// 16 wide (a convolution with 16 output pixels at batch 1) use the one-vector AVX-512
    /// kernel instead of wasting half of a two-vector tile.
    /// </summary>
    public static GemmPath Resolve(GemmPath path, int n) =>
        path != GemmPath.Auto ? path : n <= 16 && Vector512.IsHardwareAccelerated ? GemmPath.Vector512Narrow : BestPath;

    /// <summary>Whether <paramref name="path"/> can run here.</summary>
    public static bool IsSupported(GemmPath path) => path switch
    {
        GemmPath.Vector512 or GemmPath.Vector512Narrow => Vector512.IsHardwareAccelerated,
        GemmPath.Vector256 => Vector256.IsHardwareAccelerated,
        _ => true,
    };

    /// <summary>Computes C = op(A)·op(B) (or C += when <paramref name="accumulate"/>).</summary>
    /// <remarks>threads: how many threads split the columns (1 = the calling thread only).</remarks>
    /// <exception cref="ArgumentException">A span is too short for its dimensions.</exception>
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc,
        bool accumulate, int threads = 1, GemmPath path = GemmPath.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (m == 0 || n == 0) return;
        CheckSpan(a.Length, transA ? k : m, transA ? m : k, lda, nameof(a));
        CheckSpan(b.Length, transB ? n : k, transB ? k : n, ldb, nameof(b));
        CheckSpan(c.Length, m, n, ldc, nameof(c));
        path = Resolve(path, n);
        if (!IsSupported(path)) throw new ArgumentException($"GEMM path {path} is not supported on this machine.", nameof(path));
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            Run(new Job<MatrixPanels>(transA, m, k, pa, lda, new MatrixPanels(pb, ldb, transB), pc, ldc, accumulate, path, GemmMicroKernels.Nr(path), null), n, threads);
        }
    }

    /// <summary>
    /// Packs op(A) (m×k) once into the layout the micro-kernels read, so that a weight
    /// multiplied against many right-hand sides (one per convolution chunk) is packed once.
    /// </summary>
    /// <remarks>reuse: a previous packing whose buffer is recycled when large enough (caches repack in place).</remarks>
    public static PackedMatrix Pack(bool transA, int m, int k, ReadOnlySpan<float> a, int lda, PackedMatrix? reuse = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckSpan(a.Length, transA ? k : m, transA ? m : k, lda, nameof(a));
        int mPad = (m + MR - 1) / MR * MR;
        int size = Math.Max(1, mPad * k);
        // Not pinned: multiplications pin it for their duration, and the LOH can compact it.
        var data = reuse is not null && reuse.Data.Length >= size ? reuse.Data : GC.AllocateUninitializedArray<float>(size);
        fixed (float* pa = a, dst = data)
        {
            var job = new Job<MatrixPanels>(transA, m, k, pa, lda, default, null, 0, false, GemmPath.Scalar, 16, null);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                for (int ic = 0; ic < m; ic += MC)
                    job.PackA(dst + (long)pc * mPad + (long)ic * kc, ic, Math.Min(MC, m - ic), pc, kc);
            }
        }
        return new PackedMatrix(data, m, k);
    }

    /// <summary>C = A·op(B) (or C += ) with A packed by <see cref="Pack"/>.</summary>
    /// <exception cref="ArgumentException">A span is too short for its dimensions.</exception>
    public static void Multiply(PackedMatrix a, bool transB, int n, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc,
        bool accumulate, int threads = 1, GemmPath path = GemmPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(a);
        int m = a.Rows, k = a.Cols;
        if (m == 0 || n == 0) return;
        CheckSpan(b.Length, transB ? n : k, transB ? k : n, ldb, nameof(b));
        CheckSpan(c.Length, m, n, ldc, nameof(c));
        path = Resolve(path, n);
        if (!IsSupported(path)) throw new ArgumentException($"GEMM path {path} is not supported on this machine.", nameof(path));
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        fixed (float* pb = b)
        {
            Multiply(a, new MatrixPanels(pb, ldb, transB), n, c, ldc, accumulate, threads, path);
        }
    }

    /// <summary>
    /// C = A·B (or C += ) with A packed by <see cref="Pack"/> and the k×n operand B supplied
    /// panel by panel by <paramref name="source"/> (e.g. patches gathered straight from an image).
    /// </summary>
    public static void Multiply<TB>(PackedMatrix a, TB source, int n, Span<float> c, int ldc, bool accumulate, int threads = 1, GemmPath path = GemmPath.Auto)
        where TB : struct, IPanelSource
    {
        ArgumentNullException.ThrowIfNull(a);
        int m = a.Rows, k = a.Cols;
        if (m == 0 || n == 0) return;
        CheckSpan(c.Length, m, n, ldc, nameof(c));
        path = Resolve(path, n);
        if (!IsSupported(path)) throw new ArgumentException($"GEMM path {path} is not supported on this machine.", nameof(path));
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        fixed (float* pc = c, pa = a.Data)
        {
            Run(new Job<TB>(false, m, k, null, 0, source, pc, ldc, accumulate, path, GemmMicroKernels.Nr(path), pa), n, threads);
        }
    }

    /// <summary>C = op(A)·B (or C += ) with B (k×n) supplied panel by panel by <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">A span is too short for its dimensions.</exception>
    public static void Multiply<TB>(bool transA, int m, int k, ReadOnlySpan<float> a, int lda, TB source, int n, Span<float> c, int ldc,
        bool accumulate, int threads = 1, GemmPath path = GemmPath.Auto)
        where TB : struct, IPanelSource
    {
        if (m == 0 || n == 0) return;
        CheckSpan(a.Length, transA ? k : m, transA ? m : k, lda, nameof(a));
        CheckSpan(c.Length, m, n, ldc, nameof(c));
        path = Resolve(path, n);
        if (!IsSupported(path)) throw new ArgumentException($"GEMM path {path} is not supported on this machine.", nameof(path));
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        fixed (float* pa = a, pc = c)
        {
            Run(new Job<TB>(transA, m, k, pa, lda, source, pc, ldc, accumulate, path, GemmMicroKernels.Nr(path), null), n, threads);
        }
    }

    private static void Run<TB>(Job<TB> job, int n, int threads)
        where TB : struct, IPanelSource
    {
        int nr = job.Nr, m = job.M;
        int strips = (n + nr - 1) / nr, rowStrips = (m + MR - 1) / MR;
        // Small products stay on one thread (scheduling costs more than it saves). Wide ones
        // split columns; narrow, tall ones (few output pixels) split rows. Either way each
        // element is computed by one thread in the same order: results do not depend on it.
        bool small = 2.0 * m * n * job.K < MinParallelFlops;
        if (threads <= 1 || small || (strips < 2 && rowStrips < 2))
        {
            job.Run(0, n, 0, m);
            return;
        }
        bool byColumns = strips >= 2 * threads || strips >= rowStrips;
        int units = byColumns ? strips : rowStrips;
        int parts = Math.Min(threads, units);
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            int u0 = (int)((long)units * p / parts), u1 = (int)((long)units * (p + 1) / parts);
            if (byColumns) job.Run(u0 * nr, Math.Min(n, u1 * nr), 0, m);
            else job.Run(0, n, u0 * MR, Math.Min(m, u1 * MR));
        });
    }

    private static void CheckSpan(int length, int rows, int cols, int ld, string name)
    {
        if (rows == 0 || cols == 0) return;
        if (ld < cols) throw new ArgumentException($"Leading dimension {ld} is less than {cols} columns.", name);
        long need = (long)(rows - 1) * ld + cols;
        if (length < need) throw new ArgumentException($"Span of {length} floats is shorter than the {need} a {rows}×{cols} matrix with leading dimension {ld} needs.", name);
    }

    /// <summary>The arguments of one multiplication, shared by its threads.</summary>
    private readonly struct Job<TB>(bool transA, int m, int k, float* a, int lda, TB source, float* c, int ldc, bool accumulate, GemmPath path, int nr, float* packedA)
        where TB : struct, IPanelSource
    {
        public int Nr => nr;

        public int M => m;

        public int K => k;

        /// <summary>Computes rows [i0, i1) × columns [j0, j1) of C (i0 a multiple of MR).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int j0, int j1, int i0, int i1)
        {
            var packA = t_packA ??= GC.AllocateUninitializedArray<float>(MC * KC, pinned: true);
            var packB = t_packB ??= GC.AllocateUninitializedArray<float>(NC * KC + 64, pinned: true);
            float* tile = stackalloc float[MR * 32];
            fixed (float* ap0 = packA, bp0 = packB)
            {
                for (int jc = j0; jc < j1; jc += NC)
                {
                    int nc = Math.Min(NC, j1 - jc);
                    for (int pc = 0; pc < k; pc += KC)
                    {
                        int kc = Math.Min(KC, k - pc);
                        bool acc = accumulate || pc > 0;
                        source.PackB(bp0, pc, kc, jc, nc, nr);
                        for (int ic = i0; ic < i1; ic += MC)
                        {
                            int mc = Math.Min(MC, i1 - ic);
                            float* apBlock = ap0;
                            if (packedA is null) PackA(ap0, ic, mc, pc, kc);
                            else apBlock = packedA + (long)pc * ((m + MR - 1) / MR * MR) + (long)ic * kc;
                            for (int jr = 0; jr < nc; jr += nr)
                            {
                                int nw = Math.Min(nr, nc - jr);
                                float* bp = bp0 + (long)(jr / nr) * kc * nr;
                                for (int ir = 0; ir < mc; ir += MR)
                                {
                                    int mh = Math.Min(MR, mc - ir);
                                    float* ap = apBlock + (long)(ir / MR) * kc * MR;
                                    float* cp = c + (long)(ic + ir) * ldc + jc + jr;
                                    if (mh == MR && nw == nr) GemmMicroKernels.Run(path, kc, ap, bp, cp, ldc, acc);
                                    else
                                    {
                                        // Edge tile: same arithmetic into a scratch tile, then copy the valid part.
                                        GemmMicroKernels.Run(path, kc, ap, bp, tile, nr, false);
                                        for (int i = 0; i < mh; i++)
                                            for (int j = 0; j < nw; j++)
                                                cp[(long)i * ldc + j] = acc ? cp[(long)i * ldc + j] + tile[i * nr + j] : tile[i * nr + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        /// <summary>Packs op(A)[ic..ic+mc, pc..pc+kc] as MR-tall strips, k-major, zero-padded rows.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void PackA(float* dst, int ic, int mc, int pc, int kc)
        {
            for (int ir = 0; ir < mc; ir += MR)
            {
                float* strip = dst + (long)(ir / MR) * kc * MR;
                for (int ii = 0; ii < MR; ii++)
                {
                    int i = ic + ir + ii;
                    if (ir + ii >= mc)
                    {
                        for (int p = 0; p < kc; p++) strip[p * MR + ii] = 0;
                    }
                    else if (!transA)
                    {
                        float* src = a + (long)i * lda + pc;
                        for (int p = 0; p < kc; p++) strip[p * MR + ii] = src[p];
                    }
                    else
                    {
                        float* src = a + (long)pc * lda + i;
                        for (int p = 0; p < kc; p++) strip[p * MR + ii] = src[(long)p * lda];
                    }
                }
            }
        }
    }
}
