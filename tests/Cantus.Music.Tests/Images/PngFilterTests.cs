using Cantus.Music.Images;

namespace Cantus.Music.Tests.Images;

public class PngFilterTests
{
    // Two RGB pixels per row (bpp 3). Values chosen so every filter gives distinct bytes.
    private static readonly byte[] Prior = [10, 20, 30, 200, 100, 0];
    private static readonly byte[] Row = [12, 25, 31, 5, 110, 250];

    [Theory]
    // None: unchanged.
    [InlineData(PngFilterStrategy.None, new byte[] { 12, 25, 31, 5, 110, 250 })]
    // Sub: x − a, a = 0 for the first pixel; 5−12 = −7 → 249, 110−25 = 85, 250−31 = 219.
    [InlineData(PngFilterStrategy.Sub, new byte[] { 12, 25, 31, 249, 85, 219 })]
    // Up: x − b; 12−10, 25−20, 31−30, 5−200 = −195 → 61, 110−100, 250−0.
    [InlineData(PngFilterStrategy.Up, new byte[] { 2, 5, 1, 61, 10, 250 })]
    // Average: x − floor((a+b)/2); 12−5, 25−10, 31−15, 5−106 = −101 → 155, 110−62 = 48, 250−15 = 235.
    [InlineData(PngFilterStrategy.Average, new byte[] { 7, 15, 16, 155, 48, 235 })]
    // Paeth: first pixel a = c = 0 → predictor b; then (a,b,c) = (12,200,10): p = 202, nearest b=200 → 5−200 = 61;
    // (25,100,20): p = 105 → b=100 → 10; (31,0,30): p = 1 → b=0 (|1−0|=1 < |1−31|, |1−30|) → 250.
    [InlineData(PngFilterStrategy.Paeth, new byte[] { 2, 5, 1, 61, 10, 250 })]
    public void FilterMatchesHandComputedBytes(PngFilterStrategy type, byte[] expected)
    {
        var dest = new byte[Row.Length];
        PngFilter.Apply(type, Row, Prior, 3, dest);
        Assert.Equal(expected, dest);
    }

    [Fact]
    public void FirstRowTreatsAboveAsZero()
    {
        var dest = new byte[Row.Length];
        PngFilter.Apply(PngFilterStrategy.Up, Row, [], 3, dest);
        Assert.Equal(Row, dest);
        PngFilter.Apply(PngFilterStrategy.Average, Row, [], 3, dest);
        // x − floor(a/2): 12, 25, 31, 5−6 = 255, 110−12 = 98, 250−15 = 235.
        Assert.Equal(new byte[] { 12, 25, 31, 255, 98, 235 }, dest);
    }

    [Theory]
    [InlineData(1, 2, 3, 1)]   // p = 0: pa = 1, pb = 2, pc = 3 → a
    [InlineData(10, 20, 5, 20)] // p = 25: pa = 15, pb = 5, pc = 20 → b
    [InlineData(10, 20, 25, 10)] // p = 5: pa = 5, pb = 15, pc = 20 → a
    [InlineData(50, 40, 45, 45)] // p = 45: pa = 5, pb = 5, pc = 0 → c
    [InlineData(7, 7, 7, 7)]    // ties go to a
    [InlineData(110, 80, 100, 80)] // p = 90: pa = 20, pb = pc = 10 → b before c
    public void PaethPredictorFollowsSpec(int a, int b, int c, int expected) =>
        Assert.Equal(expected, PngFilter.PaethPredictor(a, b, c));

    [Fact]
    public void AdaptivePicksUpForARowEqualToTheOneAbove()
    {
        byte[] prior = [90, 180, 45, 200, 3, 77];
        var dest = new byte[6];
        var type = PngFilter.ApplyAdaptive(prior, prior, 3, dest, new byte[6]);
        Assert.Equal(PngFilterStrategy.Up, type); // all zeros; None (0) is not zero, Up (2) is the first with sum 0
        Assert.All(dest, b => Assert.Equal(0, b));
    }

    [Fact]
    public void AdaptivePicksSubForAHorizontalRamp()
    {
        byte[] ramp = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        byte[] prior = [200, 9, 100, 50, 250, 0, 13, 77, 140, 0, 99, 180];
        var dest = new byte[12];
        var type = PngFilter.ApplyAdaptive(ramp, prior, 3, dest, new byte[12]);
        // Sub gives all 0 or 1 (sum 9); None gives sum 18; others are larger.
        Assert.Equal(PngFilterStrategy.Sub, type);
        Assert.Equal(new byte[] { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, dest);
    }

    [Fact]
    public void SumOfAbsoluteSignedBytesReadsHighBytesAsNegative() =>
        Assert.Equal(1 + 128 + 127 + 2, PngFilter.SumOfAbsoluteSignedBytes([255, 128, 127, 254]));
}
