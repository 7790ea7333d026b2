using System.Buffers.Binary;
using System.Text;

namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// Sequential reader of RIFF chunks (Microsoft RIFF; SoundFont 2.04 section 4) over a stream.
/// It tracks the absolute offset so that every error can name where it happened, and checks
/// each declared size against the enclosing chunk before any allocation.
/// </summary>
internal sealed class RiffReader(Stream stream)
{
    private readonly byte[] _header = new byte[12];

    /// <summary>Absolute offset from the start of the RIFF form.</summary>
    public long Position { get; private set; }

    /// <summary>A chunk header: four-character id, declared size and offset of its body.</summary>
    public readonly record struct Chunk(string Id, long Size, long BodyOffset)
    {
        /// <summary>Offset just after the body, including the RIFF pad byte of odd sizes.</summary>
        public long PaddedEnd => BodyOffset + Size + (Size & 1);
    }

    /// <summary>Reads an 8-byte chunk header inside a parent that ends at <paramref name="parentEnd"/>.</summary>
    public Chunk ReadChunk(long parentEnd, string parent)
    {
        if (parentEnd - Position < 8)
        {
            throw new SoundFontFormatException($"{parent}: {parentEnd - Position} bytes left at offset {Position}, too few for a chunk header (8 bytes).");
        }

        var offset = Position;
        ReadExactly(_header.AsSpan(0, 8), parent);
        var id = FourCc(_header.AsSpan(0, 4));
        long size = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(4, 4));
        if (size > parentEnd - Position)
        {
            throw new SoundFontFormatException($"Chunk '{id}' at offset {offset} declares {size} bytes, but only {parentEnd - Position} bytes are left in {parent}.");
        }

        return new Chunk(id, size, Position);
    }

    /// <summary>Reads a four-character code (a form or list type).</summary>
    public string ReadFourCc(string context)
    {
        ReadExactly(_header.AsSpan(0, 4), context);
        return FourCc(_header.AsSpan(0, 4));
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes or throws naming <paramref name="context"/>.</summary>
    public void ReadExactly(Span<byte> buffer, string context)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new SoundFontFormatException($"{context}: the file ends inside the data at offset {Position} (needed {buffer.Length} more bytes).", e);
        }

        Position += buffer.Length;
    }

    /// <summary>Moves forward to <paramref name="offset"/>, reading and discarding on non-seekable streams.</summary>
    public void SkipTo(long offset, string context)
    {
        var count = offset - Position;
        if (count <= 0) return;
        if (stream.CanSeek)
        {
            if (stream.Position + count > stream.Length)
            {
                throw new SoundFontFormatException($"{context}: the file ends at offset {Position + stream.Length - stream.Position}, before the end of the chunk at offset {offset}.");
            }

            stream.Seek(count, SeekOrigin.Current);
            Position = offset;
            return;
        }

        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var n = (int)Math.Min(count, scratch.Length);
            ReadExactly(scratch[..n], context);
            count -= n;
        }
    }

    /// <summary>Bytes left in the stream when it can tell, else <see cref="long.MaxValue"/>.</summary>
    public long Remaining => stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;

    /// <summary>Decodes a zero-terminated fixed-width ASCII field (names in phdr, inst, shdr).</summary>
    public static string FixedString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        if (end >= 0) field = field[..end];
        return Encoding.Latin1.GetString(field).TrimEnd();
    }

    private static string FourCc(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++) chars[i] = bytes[i] is >= 32 and < 127 ? (char)bytes[i] : '?';
        return new string(chars);
    }
}
