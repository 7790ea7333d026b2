using System.Buffers.Binary;
using Cantus.Music.Audio.Rendering;

namespace Cantus.Music.Tests.Audio;

/// <summary>The RIFF WAVE header and sample encoding, checked byte by byte.</summary>
public class WavWriterTests
{
    [Fact]
    public void Pcm16HeaderAndSamples()
    {
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, 22050, WavSampleFormat.Pcm16, 3, leaveOpen: true))
        {
            writer.Write([0.25f, -1f, 2f], [0f, 0.5f, float.NaN]);
            writer.Complete();
        }

        var b = stream.ToArray();
        Assert.Equal(44 + 3 * 4, b.Length);
        Assert.Equal("RIFF", Ascii(b, 0));
        Assert.Equal((uint)(b.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)));
        Assert.Equal("WAVEfmt ", Ascii(b, 8, 8));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(20)));       // PCM
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(22)));       // stereo
        Assert.Equal(22050u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(24)));
        Assert.Equal(22050u * 4, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(28))); // byte rate
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(32)));       // block align
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(34)));
        Assert.Equal("data", Ascii(b, 36));
        Assert.Equal(12u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(40)));
        short[] expected = [8192, 0, -32767, 16384, 32767, 0]; // round(0.25·32767) = 8192, round(0.5·32767) = 16384 (to even)
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(44 + 2 * i)));
    }

    [Fact]
    public void Float32HeaderHasFactChunkAndRawSamples()
    {
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, 48000, WavSampleFormat.Float32, 2, leaveOpen: true))
        {
            writer.Write([1.5f, -0.125f], [0.75f, 0f]);
            writer.Complete();
        }

        var b = stream.ToArray();
        Assert.Equal(58 + 2 * 8, b.Length);
        Assert.Equal(18u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(16)));
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(20)));       // IEEE float
        Assert.Equal(48000u * 8, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(28)));
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(34)));
        Assert.Equal("fact", Ascii(b, 38));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(46)));
        Assert.Equal("data", Ascii(b, 50));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(54)));
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(58)));    // not clipped
        Assert.Equal(0.75f, BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(62)));
        Assert.Equal(-0.125f, BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(66)));
    }

    [Fact]
    public void WritingMoreOrFewerFramesThanDeclaredFails()
    {
        using var writer = new WavWriter(new MemoryStream(), 44100, WavSampleFormat.Pcm16, 2);
        writer.Write([0f], [0f]);
        Assert.Throws<InvalidOperationException>(() => writer.Complete());
        Assert.Throws<InvalidOperationException>(() => writer.Write([0f, 0f], [0f, 0f]));
        Assert.Throws<ArgumentException>(() => writer.Write([0f], []));
    }

    [Fact]
    public void DataOver4GiBIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavWriter(new MemoryStream(), 44100, WavSampleFormat.Float32, 600_000_000));

    internal static string Ascii(byte[] b, int offset, int count = 4) => System.Text.Encoding.ASCII.GetString(b, offset, count);
}
