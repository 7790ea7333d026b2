using System.Buffers.Binary;

namespace Cantus.Music.Images;

/// <summary>
/// A write-only stream that cuts the zlib datastream into IDAT chunks (PNG spec §10.1: the
/// datastream may be split at any byte) or, for APNG frames after the first, into fdAT chunks,
/// each starting with the next animation sequence number (APNG spec, "fdAT").
/// </summary>
internal sealed class ImageDataStream : Stream
{
    private static ReadOnlySpan<byte> Idat => "IDAT"u8;
    private static ReadOnlySpan<byte> Fdat => "fdAT"u8;

    private readonly PngChunkWriter _writer;
    private readonly Func<uint>? _nextSequenceNumber;
    private readonly byte[] _buffer;
    private int _count;

    /// <param name="writer">Where chunks go.</param>
    /// <param name="maxChunkDataLength">Bytes of compressed data per chunk.</param>
    /// <param name="nextSequenceNumber">Null for IDAT; otherwise fdAT, numbered by this callback.</param>
    public ImageDataStream(PngChunkWriter writer, int maxChunkDataLength, Func<uint>? nextSequenceNumber)
    {
        _writer = writer;
        _nextSequenceNumber = nextSequenceNumber;
        _buffer = new byte[maxChunkDataLength];
    }

    /// <summary>Number of chunks written so far.</summary>
    public int ChunksWritten { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _count);
            buffer[..n].CopyTo(_buffer.AsSpan(_count));
            _count += n;
            buffer = buffer[n..];
            if (_count == _buffer.Length) EmitChunk();
        }
    }

    /// <summary>Does nothing: a flush must not cut a chunk, only <see cref="Complete"/> ends the data.</summary>
    public override void Flush() { }

    /// <summary>Writes the buffered bytes as the last chunk (at least one chunk is always written).</summary>
    public void Complete()
    {
        if (_count > 0 || ChunksWritten == 0) EmitChunk();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void EmitChunk()
    {
        if (_nextSequenceNumber is null)
        {
            _writer.WriteChunk(Idat, [], _buffer.AsSpan(0, _count));
        }
        else
        {
            Span<byte> sequence = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(sequence, _nextSequenceNumber());
            _writer.WriteChunk(Fdat, sequence, _buffer.AsSpan(0, _count));
        }
        _count = 0;
        ChunksWritten++;
    }
}
