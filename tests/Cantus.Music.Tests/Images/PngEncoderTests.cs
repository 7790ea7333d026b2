using System.Buffers.Binary;
using Cantus.Music.Images;

namespace Cantus.Music.Tests.Images;

public class PngEncoderTests
{
    /// <summary>A 7×3 image, odd width, every pixel different, so a stride or channel mix-up shows.</summary>
    private static RasterImage Lopsided(bool translucent = false)
    {
        var img = new RasterImage(7, 3);
        for (var y = 0; y < 3; y++)
            for (var x = 0; x < 7; x++)
                img[x, y] = new Rgba((byte)(x * 37 + y), (byte)(255 - x * 11), (byte)(y * 90 + x), translucent ? (byte)(x * 40) : (byte)255);
        return img;
    }

    [Fact]
    public void StartsWithSignatureThenIhdrAndEndsWithIend()
    {
        var png = PngEncoder.Encode(Lopsided());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(new byte[] { 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }, png[8..16]);
        Assert.Equal(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 }, png[^12..]);
    }

    [Fact]
    public void IhdrFieldsDescribeTheImage()
    {
        var d = new PngTestDecoder(PngEncoder.Encode(Lopsided()));
        var ihdr = d.Chunks[0].Data;
        Assert.Equal(7, BinaryPrimitives.ReadInt32BigEndian(ihdr));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4)));
        Assert.Equal(8, ihdr[8]);  // bit depth
        Assert.Equal(2, ihdr[9]);  // opaque → truecolour
        Assert.Equal(new[] { "IHDR", "IDAT", "IEND" }, d.Types);
    }

    [Fact]
    public void TranslucentImageIsWrittenAsRgba() =>
        Assert.Equal(6, new PngTestDecoder(PngEncoder.Encode(Lopsided(translucent: true))).ColorType);

    [Theory]
    [InlineData(PngFilterStrategy.None, PngPixelFormat.Auto)]
    [InlineData(PngFilterStrategy.Sub, PngPixelFormat.Auto)]
    [InlineData(PngFilterStrategy.Up, PngPixelFormat.Rgba)]
    [InlineData(PngFilterStrategy.Average, PngPixelFormat.Rgb)]
    [InlineData(PngFilterStrategy.Paeth, PngPixelFormat.Rgba)]
    [InlineData(PngFilterStrategy.Adaptive, PngPixelFormat.Auto)]
    public void DecodingGivesBackTheExactPixels(PngFilterStrategy filter, PngPixelFormat format)
    {
        var img = Lopsided();
        var decoder = new PngTestDecoder(PngEncoder.Encode(img, new PngEncoderOptions { FilterStrategy = filter, PixelFormat = format }));
        var frame = decoder.DecodeImage();
        Assert.Equal(img.Pixels.ToArray(), frame.Rgba);
        if (filter != PngFilterStrategy.Adaptive) Assert.All(decoder.FilterTypes, t => Assert.Equal((byte)filter, t));
    }

    [Fact]
    public void TranslucentPixelsRoundTrip()
    {
        var img = Lopsided(translucent: true);
        Assert.Equal(img.Pixels.ToArray(), new PngTestDecoder(PngEncoder.Encode(img)).DecodeImage().Rgba);
    }

    [Fact]
    public void RgbFormatDropsAlpha()
    {
        var img = new RasterImage(2, 1);
        img[0, 0] = new Rgba(1, 2, 3, 4);
        var frame = new PngTestDecoder(PngEncoder.Encode(img, new PngEncoderOptions { PixelFormat = PngPixelFormat.Rgb })).DecodeImage();
        Assert.Equal(new Rgba(1, 2, 3), frame.Pixel(0, 0));
    }

    [Fact]
    public void AdaptiveFilteringChoosesMoreThanOneTypeOnMixedContent()
    {
        // Row 0 noise (None or Sub wins), rows 1.. equal to row 0 (Up wins with all zeros).
        var img = new RasterImage(64, 4);
        var rng = new Random(7);
        var row0 = img.Row(0);
        rng.NextBytes(row0);
        for (var i = 3; i < row0.Length; i += 4) row0[i] = 255;
        for (var y = 1; y < 4; y++) row0.CopyTo(img.Row(y));
        var d = new PngTestDecoder(PngEncoder.Encode(img));
        d.DecodeImage();
        Assert.Equal([2, 2, 2], d.FilterTypes.Skip(1));
    }

    [Fact]
    public void LargeImageIsSplitIntoSeveralIdatChunksThatStillDecode()
    {
        var img = new RasterImage(300, 200);
        new Random(3).NextBytes(img.Pixels); // incompressible
        var d = new PngTestDecoder(PngEncoder.Encode(img, new PngEncoderOptions { MaxChunkDataLength = 4096 }));
        Assert.True(d.Types.Count(t => t == "IDAT") > 10);
        Assert.All(d.Chunks.Where(c => c.Type == "IDAT"), c => Assert.InRange(c.Data.Length, 1, 4096));
        Assert.Equal(img.Pixels.ToArray(), d.DecodeImage().Rgba);
    }

    [Fact]
    public void OnePixelImageIsValid()
    {
        var img = new RasterImage(1, 1, new Rgba(9, 8, 7));
        Assert.Equal(new Rgba(9, 8, 7), new PngTestDecoder(PngEncoder.Encode(img)).DecodeImage().Pixel(0, 0));
    }

    [Fact]
    public void BadOptionsAreArgumentErrors()
    {
        var img = new RasterImage(1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(img, new PngEncoderOptions { FilterStrategy = (PngFilterStrategy)9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(img, new PngEncoderOptions { MaxChunkDataLength = 0 }));
    }
}
