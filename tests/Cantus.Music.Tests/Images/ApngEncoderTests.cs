using System.Buffers.Binary;
using Cantus.Music.Images;

namespace Cantus.Music.Tests.Images;

public class ApngEncoderTests
{
    private static List<RasterImage> Frames(int count)
    {
        var frames = new List<RasterImage>();
        for (var i = 0; i < count; i++)
        {
            var f = new RasterImage(5, 4, Rgba.White);
            f[i % 5, i % 4] = new Rgba((byte)(40 * i), 0, (byte)(255 - 40 * i));
            frames.Add(f);
        }
        return frames;
    }

    [Fact]
    public void ActlAnnouncesFrameCountAndPlays()
    {
        var bytes = ApngEncoder.Encode(Frames(3), new ApngOptions { LoopCount = 2 });
        var d = new PngTestDecoder(bytes);
        var actl = d.Chunks.Single(c => c.Type == "acTL").Data;
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(actl));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(actl.AsSpan(4)));
        Assert.Equal(new[] { "IHDR", "acTL", "fcTL", "IDAT", "fcTL", "fdAT", "fcTL", "fdAT", "IEND" }, d.Types);
    }

    [Fact]
    public void SequenceNumbersRunConsecutivelyOverFctlAndFdat()
    {
        var frames = Frames(4);
        foreach (var f in frames) new Random(f.GetHashCode()).NextBytes(f.Pixels); // several fdAT per frame
        var bytes = ApngEncoder.Encode(frames, new ApngOptions { Png = new PngEncoderOptions { MaxChunkDataLength = 16, PixelFormat = PngPixelFormat.Rgba } });
        var d = new PngTestDecoder(bytes);
        var sequence = d.Chunks.Where(c => c.Type is "fcTL" or "fdAT").Select(c => BinaryPrimitives.ReadUInt32BigEndian(c.Data)).ToList();
        Assert.True(d.Types.Count(t => t == "fdAT") > 3);
        Assert.Equal(Enumerable.Range(0, sequence.Count).Select(i => (uint)i), sequence);
    }

    [Fact]
    public void FramesDecodeToTheirPixelsWithTheDelay()
    {
        var frames = Frames(3);
        var d = new PngTestDecoder(ApngEncoder.Encode(frames, new ApngOptions { FrameDelay = TimeSpan.FromMilliseconds(250) }));
        var decoded = d.DecodeFrames();
        Assert.Equal(3, decoded.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(frames[i].Pixels.ToArray(), decoded[i].Rgba);
            Assert.Equal(250, decoded[i].DelayNumerator);
            Assert.Equal(1000, decoded[i].DelayDenominator);
        }
        Assert.Equal(frames[0].Pixels.ToArray(), d.DecodeImage().Rgba); // default image = first frame
    }

    [Fact]
    public void PerFrameDelayOverridesTheDefault()
    {
        using var s = new MemoryStream();
        var enc = new ApngEncoder(s, 5, 4, 2);
        var frames = Frames(2);
        enc.WriteFrame(frames[0], TimeSpan.FromSeconds(2));
        enc.WriteFrame(frames[1]);
        enc.Complete();
        var decoded = new PngTestDecoder(s.ToArray()).DecodeFrames();
        Assert.Equal((2000, 1000), ((int)decoded[0].DelayNumerator, (int)decoded[0].DelayDenominator));
        Assert.Equal((500, 1000), ((int)decoded[1].DelayNumerator, (int)decoded[1].DelayDenominator));
    }

    [Theory]
    [InlineData(0, 0, 1000)]
    [InlineData(65_535, 65_535, 1000)]
    [InlineData(65_536, 6554, 100)]        // 6553.6 cs → 6554
    [InlineData(1_000_000, 1000, 1)]       // 100000 cs does not fit 16 bits → seconds
    public void DelayFractionFitsSixteenBits(int ms, int num, int den) =>
        Assert.Equal(((ushort)num, (ushort)den), ApngEncoder.DelayFraction(TimeSpan.FromMilliseconds(ms)));

    [Fact]
    public void MisuseIsReported()
    {
        using var s = new MemoryStream();
        var enc = new ApngEncoder(s, 5, 4, 2);
        Assert.Throws<ArgumentException>(() => enc.WriteFrame(new RasterImage(4, 4)));
        enc.WriteFrame(Frames(1)[0]);
        Assert.Throws<InvalidOperationException>(() => enc.Complete());
        Assert.Throws<ArgumentException>(() => enc.WriteFrame(new RasterImage(5, 4, Rgba.Transparent)));
        enc.WriteFrame(Frames(1)[0]);
        Assert.Throws<InvalidOperationException>(() => enc.WriteFrame(Frames(1)[0]));
        enc.Complete();
    }

    [Fact]
    public void LimitsAreArgumentErrors()
    {
        using var s = new MemoryStream();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ApngEncoder(s, 5, 4, 11, new ApngOptions { MaxFrames = 10 }));
        Assert.Contains("MaxFrames", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApngEncoder(s, 5, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApngEncoder(s, 5, 4, 1, new ApngOptions { FrameDelay = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentException>(() => ApngEncoder.Encode([]));
    }
}
