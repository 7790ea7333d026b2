using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Cantus.Tensors.Kernels;

namespace Cantus.Tensors.Diagnostics;

/// <summary>
/// Micro-benchmarks of the engine for <c>./cantus bench</c>: the machine's fused-multiply-add
/// peak as seen from C#, and the GEMM kernel's achieved rate, both in GFLOP/s
/// (a multiply-add counts 2). Numbers are medians of several timed repetitions.
/// </summary>
public static class TensorBench
{
    /// <summary>
    /// Peak FMA throughput: per thread, 12 independent accumulator vectors (the widest
    /// accelerated width) updated with FMAs in a tight loop, as PERFORMANCE.md describes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">threads is below 1.</exception>
    public static double FmaPeakGflops(int threads, int repetitions = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        const long iterations = 20_000_000;
        int lanes = Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4;
        double flops = 2.0 * 12 * lanes * iterations * threads;
        return Median(repetitions, () =>
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Sink(FmaLoop(iterations)));
        }, flops);
    }

    /// <summary>Achieved rate of the engine's GEMM on a square n×n·n×n product with the given thread count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double GemmGflops(int n, int threads, int repetitions = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var r = new SeededRandom(1);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        for (int i = 0; i < a.Length; i++) { a[i] = r.NextUniform(-1, 1); b[i] = r.NextUniform(-1, 1); }
        return Median(repetitions, () => Gemm.Multiply(false, false, n, n, n, a, n, b, n, c, n, false, threads), 2.0 * n * n * n);
    }

    private static double Median(int repetitions, Action run, double flops)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        run(); // warm-up: JIT and caches
        var rates = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            run();
            rates[i] = flops / Stopwatch.GetElapsedTime(t0).TotalSeconds / 1e9;
        }
        Array.Sort(rates);
        return rates[repetitions / 2];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Sink(float value) => GC.KeepAlive(value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float FmaLoop(long iterations)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var m = Vector512.Create(0.999999f);
            var k = Vector512.Create(1e-7f);
            Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
            for (long i = 0; i < iterations; i++)
            {
                a0 = Vector512.FusedMultiplyAdd(a0, m, k); a1 = Vector512.FusedMultiplyAdd(a1, m, k);
                a2 = Vector512.FusedMultiplyAdd(a2, m, k); a3 = Vector512.FusedMultiplyAdd(a3, m, k);
                a4 = Vector512.FusedMultiplyAdd(a4, m, k); a5 = Vector512.FusedMultiplyAdd(a5, m, k);
                a6 = Vector512.FusedMultiplyAdd(a6, m, k); a7 = Vector512.FusedMultiplyAdd(a7, m, k);
                a8 = Vector512.FusedMultiplyAdd(a8, m, k); a9 = Vector512.FusedMultiplyAdd(a9, m, k);
                a10 = Vector512.FusedMultiplyAdd(a10, m, k); a11 = Vector512.FusedMultiplyAdd(a11, m, k);
            }
            return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }
        var n = Vector256.Create(0.999999f);
        var d = Vector256.Create(1e-7f);
        Vector256<float> b0 = Vector256.Create(1f), b1 = b0, b2 = b0, b3 = b0, b4 = b0, b5 = b0, b6 = b0, b7 = b0, b8 = b0, b9 = b0, b10 = b0, b11 = b0;
        for (long i = 0; i < iterations; i++)
        {
            b0 = Vector256.FusedMultiplyAdd(b0, n, d); b1 = Vector256.FusedMultiplyAdd(b1, n, d);
            b2 = Vector256.FusedMultiplyAdd(b2, n, d); b3 = Vector256.FusedMultiplyAdd(b3, n, d);
            b4 = Vector256.FusedMultiplyAdd(b4, n, d); b5 = Vector256.FusedMultiplyAdd(b5, n, d);
            b6 = Vector256.FusedMultiplyAdd(b6, n, d); b7 = Vector256.FusedMultiplyAdd(b7, n, d);
            b8 = Vector256.FusedMultiplyAdd(b8, n, d); b9 = Vector256.FusedMultiplyAdd(b9, n, d);
            b10 = Vector256.FusedMultiplyAdd(b10, n, d); b11 = Vector256.FusedMultiplyAdd(b11, n, d);
        }
        return Vector256.Sum(b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9 + b10 + b11);
    }
}
