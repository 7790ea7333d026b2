using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// Register-blocked GEMM micro-kernels over packed panels: A strips are MR floats per k
/// step, B strips NR floats per k step. Accumulators start at zero and are added to (or
/// stored into) C at the end, identically in every path, so edge tiles and full tiles round
/// the same way. The scalar kernel is the portable fallback and the readable specification.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    public const int MR = 8;

    /// <summary>Strip width NR for a path: two vectors.</summary>
    public static int Nr(GemmPath path) => path == GemmPath.Vector512 ? 32 : 16;

    /// <summary>8×16 tile with Vector512: one B vector per k step, eight broadcasts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512Narrow(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (int p = 0; p < kc; p++)
        {
            var bv = Vector512.Load(b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), bv, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[1]), bv, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[2]), bv, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[3]), bv, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[4]), bv, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[5]), bv, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[6]), bv, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[7]), bv, c7);
            a += 8;
            b += 16;
        }
        Store512Narrow(c, c0, accumulate);
        Store512Narrow(c + ldc, c1, accumulate);
        Store512Narrow(c + 2L * ldc, c2, accumulate);
        Store512Narrow(c + 3L * ldc, c3, accumulate);
        Store512Narrow(c + 4L * ldc, c4, accumulate);
        Store512Narrow(c + 5L * ldc, c5, accumulate);
        Store512Narrow(c + 6L * ldc, c6, accumulate);
        Store512Narrow(c + 7L * ldc, c7, accumulate);
    }

    private static void Store512Narrow(float* c, Vector512<float> v, bool accumulate)
    {
        if (accumulate) v += Vector512.Load(c);
        v.Store(c);
    }

    public static void Run(GemmPath path, int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        switch (path)
        {
            case GemmPath.Vector512: Kernel512(kc, a, b, c, ldc, accumulate); break;
            case GemmPath.Vector512Narrow: Kernel512Narrow(kc, a, b, c, ldc, accumulate); break;
            case GemmPath.Vector256: Kernel256(kc, a, b, c, ldc, accumulate); break;
            default: KernelScalar(kc, a, b, c, ldc, accumulate); break;
        }
    }

    /// <summary>MR×16 tile, plain loops (with fused multiply-add, as the vector paths).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KernelScalar(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        const int nr = 16;
        float* acc = stackalloc float[MR * nr];
        new Span<float>(acc, MR * nr).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int i = 0; i < MR; i++)
            {
                float av = a[i];
                for (int j = 0; j < nr; j++) acc[i * nr + j] = MathF.FusedMultiplyAdd(av, b[j], acc[i * nr + j]);
            }
            a += MR;
            b += nr;
        }
        for (int i = 0; i < MR; i++)
            for (int j = 0; j < nr; j++)
                c[i * (long)ldc + j] = accumulate ? c[i * (long)ldc + j] + acc[i * nr + j] : acc[i * nr + j];
    }

    /// <summary>8×32 tile with Vector512: broadcast one A value per row, FMA against two B vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default;
        Vector512<float> c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default;
        Vector512<float> c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default;
        Vector512<float> c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
            b += 32;
        }
        Store512(c + 0 * (long)ldc, c00, c01, accumulate);
        Store512(c + 1 * (long)ldc, c10, c11, accumulate);
        Store512(c + 2 * (long)ldc, c20, c21, accumulate);
        Store512(c + 3 * (long)ldc, c30, c31, accumulate);
        Store512(c + 4 * (long)ldc, c40, c41, accumulate);
        Store512(c + 5 * (long)ldc, c50, c51, accumulate);
        Store512(c + 6 * (long)ldc, c60, c61, accumulate);
        Store512(c + 7 * (long)ldc, c70, c71, accumulate);
    }

    private static void Store512(float* c, Vector512<float> v0, Vector512<float> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector512.Load(c);
            v1 += Vector512.Load(c + 16);
        }
        Vector512.Store(v0, c);
        Vector512.Store(v1, c + 16);
    }

    /// <summary>8×16 tile with Vector256: broadcast one A value per row, FMA against two B vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default;
        Vector256<float> c50 = default, c51 = default;
        Vector256<float> c60 = default, c61 = default;
        Vector256<float> c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector256.Create(a[6]);
            c60 = Vector256.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector256.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector256.Create(a[7]);
            c70 = Vector256.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector256.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
            b += 16;
        }
        Store256(c + 0 * (long)ldc, c00, c01, accumulate);
        Store256(c + 1 * (long)ldc, c10, c11, accumulate);
        Store256(c + 2 * (long)ldc, c20, c21, accumulate);
        Store256(c + 3 * (long)ldc, c30, c31, accumulate);
        Store256(c + 4 * (long)ldc, c40, c41, accumulate);
        Store256(c + 5 * (long)ldc, c50, c51, accumulate);
        Store256(c + 6 * (long)ldc, c60, c61, accumulate);
        Store256(c + 7 * (long)ldc, c70, c71, accumulate);
    }

    private static void Store256(float* c, Vector256<float> v0, Vector256<float> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector256.Load(c);
            v1 += Vector256.Load(c + 8);
        }
        Vector256.Store(v0, c);
        Vector256.Store(v1, c + 8);
    }
}
