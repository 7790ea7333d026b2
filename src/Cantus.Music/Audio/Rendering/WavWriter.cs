using System.Buffers.Binary;

namespace Cantus.Music.Audio.Rendering;

/// <summary>
/// Writes a stereo RIFF WAVE file (16-bit PCM or 32-bit IEEE float) to a stream, block by block.
/// The frame count is declared up front so the header is final at once and the stream need not
/// seek (it may be a network response); memory use is a fixed 16 KiB buffer.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private const int BufferFrames = 2048;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer;
    private readonly int _bytesPerFrame;

    /// <summary>Writes the header for <paramref name="frameCount"/> stereo frames.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is not in 1..768,000, or the data would exceed the 4 GiB RIFF limit.</exception>
    public WavWriter(Stream stream, int sampleRate, WavSampleFormat format, long frameCount, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 768000);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;
        FrameCount = frameCount;
        _bytesPerFrame = format == WavSampleFormat.Pcm16 ? 4 : 8;
        var dataBytes = frameCount * _bytesPerFrame;
        if (dataBytes > uint.MaxValue - 100) throw new ArgumentOutOfRangeException(nameof(frameCount), frameCount, "The data would exceed the 4 GiB limit of a RIFF file.");
        _buffer = new byte[BufferFrames * _bytesPerFrame];
        WriteHeader(sampleRate, (uint)dataBytes);
    }

    /// <summary>The sample encoding.</summary>
    public WavSampleFormat Format { get; }

    /// <summary>Frames declared in the header.</summary>
    public long FrameCount { get; }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>
    /// Appends frames; PCM samples are clipped to [-1, 1] and scaled by 32767 with rounding.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="InvalidOperationException">More frames than declared.</exception>
    public void Write(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        if (left.Length != right.Length) throw new ArgumentException($"left has {left.Length} samples, right {right.Length}; they must match.", nameof(right));
        if (FramesWritten + left.Length > FrameCount) throw new InvalidOperationException($"Writing {left.Length} frames would exceed the {FrameCount} declared in the header.");
        for (var offset = 0; offset < left.Length; offset += BufferFrames)
        {
            var n = Math.Min(BufferFrames, left.Length - offset);
            var bytes = _buffer.AsSpan(0, n * _bytesPerFrame);
            for (var i = 0; i < n; i++)
            {
                if (Format == WavSampleFormat.Pcm16)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(bytes[(i * 4)..], ToPcm16(left[offset + i]));
                    BinaryPrimitives.WriteInt16LittleEndian(bytes[(i * 4 + 2)..], ToPcm16(right[offset + i]));
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes[(i * 8)..], left[offset + i]);
                    BinaryPrimitives.WriteSingleLittleEndian(bytes[(i * 8 + 4)..], right[offset + i]);
                }
            }

            _stream.Write(bytes);
        }

        FramesWritten += left.Length;
    }

    /// <summary>Checks that every declared frame was written and flushes.</summary>
    /// <exception cref="InvalidOperationException">Fewer frames were written than declared.</exception>
    public void Complete()
    {
        if (FramesWritten != FrameCount) throw new InvalidOperationException($"{FramesWritten} frames written, {FrameCount} declared.");
        _stream.Flush();
    }

    /// <summary>Flushes and, unless asked to leave it open, closes the stream.</summary>
    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen) _stream.Dispose();
    }

    /// <summary>round(clamp(x, −1, 1) · 32767); NaN becomes 0.</summary>
    internal static short ToPcm16(float x) => float.IsNaN(x) ? (short)0 : (short)MathF.Round(Math.Clamp(x, -1f, 1f) * 32767f);

    private void WriteHeader(int sampleRate, uint dataBytes)
    {
        // RIFF WAVE: fmt (16 bytes for PCM; 18 with cbSize and a fact chunk for float, as the
        // WAVEFORMATEX rules for non-PCM formats require), then data.
        var isFloat = Format == WavSampleFormat.Float32;
        var fmtSize = isFloat ? 18 : 16;
        var headerSize = 12 + 8 + fmtSize + (isFloat ? 12 : 0) + 8;
        Span<byte> h = stackalloc byte[headerSize];
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(headerSize - 8) + dataBytes);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], (ushort)(isFloat ? 3 : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], (uint)(sampleRate * _bytesPerFrame));
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], (ushort)_bytesPerFrame);
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], (ushort)(isFloat ? 32 : 16));
        var p = 36;
        if (isFloat)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(h[36..], 0);
            "fact"u8.CopyTo(h[38..]);
            BinaryPrimitives.WriteUInt32LittleEndian(h[42..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(h[46..], (uint)FrameCount);
            p = 50;
        }

        "data"u8.CopyTo(h[p..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[(p + 4)..], dataBytes);
        _stream.Write(h);
    }
}
