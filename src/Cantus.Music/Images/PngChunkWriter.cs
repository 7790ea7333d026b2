using System.Buffers.Binary;
using System.Text;

namespace Cantus.Music.Images;

/// <summary>
/// Writes PNG chunks (PNG spec §5.3): 4-byte big-endian data length, 4-byte type, data, and the
/// CRC-32 of type and data. Also writes the 8-byte signature (§5.2).
/// </summary>
internal sealed class PngChunkWriter(Stream output)
{
    /// <summary>The PNG signature: 137 'P' 'N' 'G' CR LF SUB LF.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Chunk data may not exceed 2^31 − 1 bytes (§5.3).</summary>
    public const int MaxDataLength = int.MaxValue;

    public void WriteSignature() => output.Write(Signature);

    /// <summary>Writes one chunk; <paramref name="type"/> is the 4-letter ASCII chunk type.</summary>
    public void WriteChunk(string type, ReadOnlySpan<byte> data)
    {
        Span<byte> typeBytes = stackalloc byte[4];
        if (type.Length != 4 || Encoding.ASCII.GetBytes(type, typeBytes) != 4)
            throw new ArgumentException($"Chunk type '{type}' is not 4 ASCII letters.", nameof(type));
        WriteChunk(typeBytes, [], data);
    }

    /// <summary>
    /// Writes one chunk whose data is <paramref name="prefix"/> followed by <paramref name="data"/>
    /// (fdAT puts its sequence number before the compressed bytes), without concatenating them.
    /// </summary>
    public void WriteChunk(ReadOnlySpan<byte> type, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, checked(prefix.Length + data.Length));
        output.Write(word);
        output.Write(type);
        output.Write(prefix);
        output.Write(data);
        var crc = Crc32.Update(Crc32.Start, type);
        crc = Crc32.Update(crc, prefix);
        crc = Crc32.Finish(Crc32.Update(crc, data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
