using Cantus.Music.Images;

namespace Cantus.Music.Tests.Images;

/// <summary>The vectorised filters against the scalar reference, on every length around the vector size.</summary>
public class PngFilterVectorTests
{
    public static TheoryData<PngFilterStrategy, int> Cases()
    {
        var data = new TheoryData<PngFilterStrategy, int>();
        for (var t = PngFilterStrategy.None; t <= PngFilterStrategy.Paeth; t++)
            foreach (var bpp in new[] { 3, 4 })
                data.Add(t, bpp);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void VectorFilterMatchesReferenceAtEveryLength(PngFilterStrategy type, int bpp)
    {
        var rng = new Random(42 + (int)type * 10 + bpp);
        for (var n = 0; n <= 200; n++)
        {
            var row = new byte[n];
            var prior = new byte[n];
            rng.NextBytes(row);
            rng.NextBytes(prior);
            // Plant the extremes the Paeth and Average arithmetic must survive.
            if (n > 8) { row[5] = 255; prior[5] = 0; row[6] = 0; prior[6] = 255; row[7] = 128; prior[7] = 128; }
            foreach (var above in new[] { prior, [] })
            {
                var expected = new byte[n];
                var actual = new byte[n];
                PngFilter.ApplyReference(type, row, above, bpp, expected);
                PngFilterVector.Apply(type, row, above, bpp, actual);
                if (!expected.AsSpan().SequenceEqual(actual))
                {
                    var first = expected.AsSpan().CommonPrefixLength(actual);
                    Assert.Fail($"{type}, bpp {bpp}, length {n}, first row {above.Length == 0}: byte {first} expected {expected[first]} got {actual[first]}");
                }
            }
        }
    }

    [Fact]
    public void VectorCostMatchesReference()
    {
        var rng = new Random(5);
        foreach (var n in new[] { 0, 1, 15, 16, 17, 31, 32, 33, 100, 4096 * 16 + 5, 70_000 * 16 })
        {
            var bytes = new byte[n];
            rng.NextBytes(bytes);
            if (n > 2) { bytes[0] = 128; bytes[1] = 0; bytes[2] = 255; }
            Assert.Equal(PngFilter.SumOfAbsoluteSignedBytes(bytes), PngFilterVector.SumOfAbsoluteSignedBytes(bytes));
        }
    }

    [Fact]
    public void CostOfAllBytes128DoesNotOverflow()
    {
        // 128 has the largest cost per byte; 70 000 vectors span several accumulator blocks.
        var bytes = new byte[70_000 * 16];
        bytes.AsSpan().Fill(128);
        Assert.Equal(128L * bytes.Length, PngFilterVector.SumOfAbsoluteSignedBytes(bytes));
    }
}
