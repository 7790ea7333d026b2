using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Cantus.Music.Images;

namespace Cantus.Music.Tests.Images;

/// <summary>One chunk as found in the file.</summary>
internal sealed record PngTestChunk(string Type, byte[] Data, int Offset);

/// <summary>A decoded frame: RGBA pixels plus its fcTL fields (zero for a plain PNG).</summary>
internal sealed record PngTestFrame(int Width, int Height, byte[] Rgba, uint Sequence, ushort DelayNumerator, ushort DelayDenominator)
{
    public Rgba Pixel(int x, int y)
    {
        var i = (y * Width + x) * 4;
        return new Rgba(Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
    }
}

/// <summary>
/// A deliberately separate, minimal PNG/APNG reader for the tests: it checks the signature,
/// every chunk's CRC, the chunk order rules of PNG §5.6 and APNG, and un-filters scanlines with
/// its own code, so an encoder bug cannot hide behind a shared helper.
/// </summary>
internal sealed class PngTestDecoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public PngTestDecoder(byte[] file)
    {
        Assert.True(file.AsSpan().StartsWith(Signature), "PNG signature missing");
        var offset = 8;
        while (offset < file.Length)
        {
            Assert.True(offset + 12 <= file.Length, $"truncated chunk at {offset}");
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            Assert.InRange(length, 0, file.Length - offset - 12);
            var type = Encoding.ASCII.GetString(file, offset + 4, 4);
            var data = file.AsSpan(offset + 8, length).ToArray();
            var stored = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8 + length));
            var actual = Crc32.ComputeBitwise(file.AsSpan(offset + 4, length + 4));
            Assert.True(stored == actual, $"CRC of {type} at {offset}: stored {stored:X8}, computed {actual:X8}");
            Chunks.Add(new PngTestChunk(type, data, offset));
            offset += 12 + length;
        }
        CheckOrder();
        var ihdr = Chunks[0].Data;
        Width = BinaryPrimitives.ReadInt32BigEndian(ihdr);
        Height = BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4));
        BitDepth = ihdr[8];
        ColorType = ihdr[9];
        Assert.Equal(13, ihdr.Length);
        Assert.Equal(8, BitDepth);
        Assert.Contains(ColorType, new byte[] { 2, 6 });
        Assert.Equal(0, ihdr[10]); // compression method
        Assert.Equal(0, ihdr[11]); // filter method
        Assert.Equal(0, ihdr[12]); // interlace method
    }

    public List<PngTestChunk> Chunks { get; } = [];
    public int Width { get; }
    public int Height { get; }
    public byte BitDepth { get; }
    public byte ColorType { get; }

    /// <summary>Filter type byte of each scanline of the default image.</summary>
    public List<byte> FilterTypes { get; } = [];

    public IEnumerable<string> Types => Chunks.Select(c => c.Type);

    /// <summary>The default image (from the IDAT chunks).</summary>
    public PngTestFrame DecodeImage()
    {
        var data = Chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        return new PngTestFrame(Width, Height, Unfilter(data, Width, Height, FilterTypes), 0, 0, 0);
    }

    /// <summary>The APNG frames, in order, each from its fcTL and the IDAT or fdAT chunks after it.</summary>
    public List<PngTestFrame> DecodeFrames()
    {
        var frames = new List<PngTestFrame>();
        for (var i = 0; i < Chunks.Count; i++)
        {
            if (Chunks[i].Type != "fcTL") continue;
            var fc = Chunks[i].Data;
            Assert.Equal(26, fc.Length);
            var w = BinaryPrimitives.ReadInt32BigEndian(fc.AsSpan(4));
            var h = BinaryPrimitives.ReadInt32BigEndian(fc.AsSpan(8));
            using var data = new MemoryStream();
            for (var j = i + 1; j < Chunks.Count && Chunks[j].Type is "IDAT" or "fdAT"; j++)
                data.Write(Chunks[j].Type == "IDAT" ? Chunks[j].Data : Chunks[j].Data.AsSpan(4));
            frames.Add(new PngTestFrame(w, h, Unfilter(data.ToArray(), w, h, []),
                BinaryPrimitives.ReadUInt32BigEndian(fc), BinaryPrimitives.ReadUInt16BigEndian(fc.AsSpan(20)), BinaryPrimitives.ReadUInt16BigEndian(fc.AsSpan(22))));
        }
        return frames;
    }

    private void CheckOrder()
    {
        var types = Chunks.Select(c => c.Type).ToList();
        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);
        Assert.Single(types, "IEND");
        var firstIdat = types.IndexOf("IDAT");
        var lastIdat = types.LastIndexOf("IDAT");
        Assert.True(firstIdat > 0, "no IDAT");
        // PNG §5.6: IDAT chunks are consecutive.
        Assert.All(types.Skip(firstIdat).Take(lastIdat - firstIdat + 1), t => Assert.Equal("IDAT", t));
        // APNG: acTL comes before the first IDAT.
        var actl = types.IndexOf("acTL");
        if (actl >= 0) Assert.True(actl < firstIdat, "acTL after IDAT");
    }

    private byte[] Unfilter(byte[] compressed, int width, int height, List<byte> filterTypes)
    {
        using var z = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bpp = ColorType == 6 ? 4 : 3;
        var stride = width * bpp;
        var bytes = raw.ToArray();
        Assert.Equal((stride + 1) * height, bytes.Length);
        var image = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var type = bytes[y * (stride + 1)];
            filterTypes.Add(type);
            for (var i = 0; i < stride; i++)
            {
                int x = bytes[y * (stride + 1) + 1 + i];
                int a = i >= bpp ? image[y * stride + i - bpp] : 0;
                int b = y > 0 ? image[(y - 1) * stride + i] : 0;
                int c = i >= bpp && y > 0 ? image[(y - 1) * stride + i - bpp] : 0;
                image[y * stride + i] = (byte)(type switch
                {
                    0 => x,
                    1 => x + a,
                    2 => x + b,
                    3 => x + (a + b) / 2,
                    4 => x + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter type {type} in row {y}"),
                });
            }
        }
        if (bpp == 4) return image;
        var rgba = new byte[width * height * 4];
        for (int p = 0; p < width * height; p++)
        {
            rgba[p * 4] = image[p * 3]; rgba[p * 4 + 1] = image[p * 3 + 1]; rgba[p * 4 + 2] = image[p * 3 + 2]; rgba[p * 4 + 3] = 255;
        }
        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
