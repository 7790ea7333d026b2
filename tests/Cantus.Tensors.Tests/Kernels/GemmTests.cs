using Cantus.Tensors.Kernels;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Kernels;

/// <summary>Every GEMM micro-kernel path against the double-accumulating triple loop, and thread-count determinism.</summary>
public sealed class GemmTests
{
    // GemmPath is internal, so theories take its name.
    public static TheoryData<string> Paths()
    {
        var d = new TheoryData<string>();
        foreach (var p in new[] { GemmPath.Scalar, GemmPath.Vector256, GemmPath.Vector512, GemmPath.Vector512Narrow })
            if (Gemm.IsSupported(p)) d.Add(p.ToString());
        return d;
    }

    private static float[] Random(int n, int seed)
    {
        var r = new SeededRandom((ulong)seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.NextUniform(-1, 1);
        return a;
    }

    private static void Check(GemmPath path, bool ta, bool tb, int m, int n, int k, bool accumulate, int threads = 1)
    {
        int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 1, ldc = n + 2; // padded leading dimensions
        var a = Random((ta ? k : m) * lda, 1);
        var b = Random((tb ? n : k) * ldb, 2);
        var c = Random(m * ldc, 3);
        var expected = (float[])c.Clone();
        GemmReference.Multiply(ta, tb, m, n, k, a, lda, b, ldb, expected, ldc, accumulate);
        Gemm.Multiply(ta, tb, m, n, k, a, lda, b, ldb, c, ldc, accumulate, threads, path);
        // Float32 FMA sums of k terms of size ≤ 1 against a double oracle: error ≲ k·2⁻²⁴.
        TensorAssert.Close(expected, c, 1e-6 * (k + 1), 1e-6, $"{path} ta={ta} tb={tb} {m}×{n}×{k} acc={accumulate}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AllTransposes_OddSizes(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
            {
                Check(path, ta, tb, 13, 37, 29, false);
                Check(path, ta, tb, 9, 17, 300, true); // k spans two KC blocks
            }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Tails_AroundTileSizes(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        foreach (int n in new[] { 1, 15, 16, 17, 31, 32, 33, 63, 64, 65 })
            foreach (int m in new[] { 1, 7, 8, 9 })
                Check(path, false, false, m, n, 5, false);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void LargeBlocks_CrossMcAndNcBoundaries(string pathName) => Check(Enum.Parse<GemmPath>(pathName), false, true, 100, 530, 70, true);

    [Theory]
    [MemberData(nameof(Paths))]
    public void PrePackedA_MatchesReference(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        foreach (bool ta in new[] { false, true })
        {
            int m = 101, n = 45, k = 290, lda = ta ? m : k;
            var a = Random(m * k, 7);
            var b = Random(k * n, 8);
            var expected = new float[m * n];
            var c = new float[m * n];
            GemmReference.Multiply(ta, false, m, n, k, a, lda, b, n, expected, n, false);
            Gemm.Multiply(Gemm.Pack(ta, m, k, a, lda), false, n, b, n, c, n, false, 2, path);
            TensorAssert.Close(expected, c, 1e-6 * (k + 1), 1e-6, $"packed {path} ta={ta}");
        }
    }

    [Fact]
    public void AllPaths_BitIdentical()
    {
        // Every kernel accumulates each element with fused multiply-adds in k order from zero,
        // so results do not depend on the vector width the machine offers.
        int m = 19, n = 40, k = 300;
        var a = Random(m * k, 11);
        var b = Random(k * n, 12);
        float[]? first = null;
        foreach (string name in Paths())
        {
            var c = new float[m * n];
            Gemm.Multiply(false, false, m, n, k, a, k, b, n, c, n, false, 1, Enum.Parse<GemmPath>(name));
            if (first is null) first = c;
            else TensorAssert.BitEqual(first, c, $"path {name} vs scalar");
        }
    }

    [Fact]
    public void ZeroK_ClearsOrKeeps()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Multiply(false, false, 2, 2, 0, [], 1, [], 2, c, 2, accumulate: true);
        Assert.Equal([1, 2, 3, 4], c);
        Gemm.Multiply(false, false, 2, 2, 0, [], 1, [], 2, c, 2, accumulate: false);
        Assert.Equal([0, 0, 0, 0], c);
    }

    [Fact]
    public void HandComputed_2x2()
    {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]
        var c = new float[4];
        Gemm.Multiply(false, false, 2, 2, 2, [1, 2, 3, 4], 2, [5, 6, 7, 8], 2, c, 2, false);
        Assert.Equal([19, 22, 43, 50], c);
    }

    [Fact]
    public void TooShortSpan_Throws() =>
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 2, new float[3], 2, new float[4], 2, new float[4], 2, false));

    [Theory]
    [InlineData(70, 300, 123)] // wide: columns split
    [InlineData(300, 20, 100)] // narrow and tall: rows split
    [InlineData(5, 5, 5)] // too small to split
    public void ThreadCounts_BitIdentical(int m, int n, int k)
    {
        var a = Random(m * k, 4);
        var b = Random(k * n, 5);
        var c1 = new float[m * n];
        var c2 = new float[m * n];
        Gemm.Multiply(false, false, m, n, k, a, k, b, n, c1, n, false, threads: 1);
        Gemm.Multiply(false, false, m, n, k, a, k, b, n, c2, n, false, threads: 2);
        TensorAssert.BitEqual(c1, c2, "GEMM 1 vs 2 threads");
        var expected = new float[m * n];
        GemmReference.Multiply(false, false, m, n, k, a, k, b, n, expected, n, false);
        TensorAssert.Close(expected, c2, 1e-6 * (k + 1), 1e-6, "GEMM 2 threads vs reference");
    }
}
