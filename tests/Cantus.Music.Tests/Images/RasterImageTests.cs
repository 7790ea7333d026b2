using Cantus.Music.Images;

namespace Cantus.Music.Tests.Images;

public class RasterImageTests
{
    private static readonly Rgba Red = new(255, 0, 0);

    [Fact]
    public void FillRectClipsToTheImage()
    {
        var img = new RasterImage(4, 3, Rgba.White);
        img.FillRect(-2, 1, 4, 10, Red); // covers columns 0..1, rows 1..2
        Assert.Equal(Rgba.White, img[0, 0]);
        Assert.Equal(Red, img[0, 1]);
        Assert.Equal(Red, img[1, 2]);
        Assert.Equal(Rgba.White, img[2, 1]);
        img.FillRect(int.MaxValue - 1, 0, 5, 5, Red); // no overflow, nothing drawn
    }

    [Fact]
    public void DrawLineCoversBothEndsAndTheDiagonal()
    {
        var img = new RasterImage(5, 5);
        img.DrawLine(0, 0, 4, 4, Red);
        for (var i = 0; i < 5; i++) Assert.Equal(Red, img[i, i]);
        Assert.Equal(default, img[1, 0]);
        img.DrawLine(-10, 2, 10, 2, Rgba.White); // clipped, no throw
        Assert.Equal(Rgba.White, img[4, 2]);
    }

    [Fact]
    public void DrawRectDrawsOnlyTheOutline()
    {
        var img = new RasterImage(5, 5);
        img.DrawRect(new PixelRect(1, 1, 3, 3), Red);
        Assert.Equal(Red, img[1, 1]);
        Assert.Equal(Red, img[3, 3]);
        Assert.Equal(default, img[2, 2]);
        Assert.Equal(default, img[0, 0]);
    }

    [Fact]
    public void TextUsesTheFiveBySevenGlyphs()
    {
        var img = new RasterImage(12, 7);
        var advance = img.DrawText(0, 0, "1|", Red);
        Assert.Equal(12, advance);
        // '1' = columns 0x00 0x42 0x7F 0x40 0x00: the stem is column 2, all 7 rows; a foot at row 6 of columns 1..3.
        for (var y = 0; y < 7; y++) Assert.Equal(Red, img[2, y]);
        Assert.Equal(Red, img[1, 1]);
        Assert.Equal(Red, img[1, 6]);
        Assert.Equal(default, img[0, 3]);
        Assert.Equal(default, img[4, 3]);
        // '|' is the middle column of the second cell.
        Assert.Equal(Red, img[8, 0]);
        Assert.Equal(default, img[7, 0]);
    }

    [Fact]
    public void ScaledTextAndMeasure()
    {
        Assert.Equal((17, 7), RasterImage.MeasureText("C4#"));
        Assert.Equal((22, 14), RasterImage.MeasureText("ab", 2));
        Assert.Equal((0, 7), RasterImage.MeasureText(""));
        var img = new RasterImage(10, 14);
        img.DrawText(0, 0, "|", Red, 2);
        Assert.Equal(Red, img[4, 13]);
        Assert.Equal(Red, img[5, 0]);
        Assert.Equal(default, img[3, 0]);
    }

    [Fact]
    public void UnknownCharactersDrawAsQuestionMark()
    {
        var a = new RasterImage(6, 7);
        var b = new RasterImage(6, 7);
        a.DrawText(0, 0, "é", Red);
        b.DrawText(0, 0, "?", Red);
        Assert.Equal(b.Pixels.ToArray(), a.Pixels.ToArray());
    }

    [Fact]
    public void SizeLimitsAreArgumentErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RasterImage(0, 5));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RasterImage(100_000, 100_000));
        Assert.Contains(RasterImage.MaxPixelCount.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void ColourParsingAndFormatting()
    {
        Assert.Equal(new Rgba(0x4E, 0x79, 0xA7), Rgba.Parse("#4E79A7"));
        Assert.Equal(new Rgba(1, 2, 3, 4), Rgba.Parse("01020304"));
        Assert.Equal("#4E79A7", new Rgba(0x4E, 0x79, 0xA7).ToString());
        Assert.Throws<ArgumentException>(() => Rgba.Parse("#12345"));
        Assert.Equal(new Rgba(128, 128, 128), Rgba.Black.Mix(Rgba.White, 0.5));
    }
}
