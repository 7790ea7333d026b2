using System.Buffers.Binary;
using System.IO.Compression;

namespace Cantus.Music.Images;

/// <summary>
/// Writes a <see cref="RasterImage"/> as a PNG file (W3C PNG, 3rd edition): signature, IHDR,
/// IDAT chunks holding one zlib stream of filtered scanlines, IEND. 8 bits per channel,
/// truecolour (RGB or RGBA), no interlacing.
/// </summary>
public static class PngEncoder
{
    /// <summary>Encodes <paramref name="image"/> as PNG bytes.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static byte[] Encode(RasterImage image, PngEncoderOptions? options = null)
    {
        using var buffer = new MemoryStream();
        Encode(image, buffer, options);
        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="image"/> as PNG to <paramref name="output"/> (which stays open).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static void Encode(RasterImage image, Stream output, PngEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        options ??= PngEncoderOptions.Default;
        options.Validate();
        var withAlpha = UsesAlpha(options.PixelFormat, image);
        var writer = new PngChunkWriter(output);
        writer.WriteSignature();
        writer.WriteChunk("IHDR", Header(image.Width, image.Height, withAlpha));
        WriteImageData(writer, image, withAlpha, options, nextSequenceNumber: null);
        writer.WriteChunk("IEND", []);
    }

    /// <summary>True when the file should carry an alpha channel.</summary>
    internal static bool UsesAlpha(PngPixelFormat format, RasterImage image) => format switch
    {
        PngPixelFormat.Rgb => false,
        PngPixelFormat.Rgba => true,
        _ => !image.IsOpaque,
    };

    /// <summary>IHDR data (§11.2.2): width, height, bit depth 8, colour type 2 or 6, compression 0, filter 0, interlace 0.</summary>
    internal static byte[] Header(int width, int height, bool withAlpha)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(data, width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
        data[8] = 8;
        data[9] = (byte)(withAlpha ? PngPixelFormat.Rgba : PngPixelFormat.Rgb);
        return data;
    }

    /// <summary>
    /// Writes the image's filtered scanlines, zlib-compressed, as IDAT chunks or (with a sequence
    /// callback) as APNG fdAT chunks. Each scanline is one filter-type byte and the row's bytes.
    /// </summary>
    internal static void WriteImageData(PngChunkWriter writer, RasterImage image, bool withAlpha, PngEncoderOptions options, Func<uint>? nextSequenceNumber)
    {
        var bpp = withAlpha ? 4 : 3;
        var rowBytes = image.Width * bpp;
        var current = new byte[rowBytes];
        var prior = new byte[rowBytes];
        var line = new byte[rowBytes + 1];
        var scratch = new byte[rowBytes];
        var chunks = new ImageDataStream(writer, options.MaxChunkDataLength, nextSequenceNumber);
        using (var zlib = new ZLibStream(chunks, options.CompressionLevel, leaveOpen: true))
        {
            for (var y = 0; y < image.Height; y++)
            {
                CopyRow(image.Row(y), current, withAlpha);
                var above = y == 0 ? ReadOnlySpan<byte>.Empty : prior;
                var filtered = line.AsSpan(1);
                if (options.FilterStrategy == PngFilterStrategy.Adaptive)
                {
                    line[0] = (byte)PngFilter.ApplyAdaptive(current, above, bpp, filtered, scratch);
                }
                else
                {
                    line[0] = (byte)options.FilterStrategy;
                    PngFilter.Apply(options.FilterStrategy, current, above, bpp, filtered);
                }
                zlib.Write(line);
                (current, prior) = (prior, current);
            }
        }
        chunks.Complete();
    }

    private static void CopyRow(ReadOnlySpan<byte> rgba, Span<byte> destination, bool withAlpha)
    {
        if (withAlpha) { rgba.CopyTo(destination); return; }
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            destination[j] = rgba[i];
            destination[j + 1] = rgba[i + 1];
            destination[j + 2] = rgba[i + 2];
        }
    }
}
