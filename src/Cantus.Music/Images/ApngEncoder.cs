using System.Buffers.Binary;

namespace Cantus.Music.Images;

/// <summary>
/// Writes an animated PNG (APNG 1.0, https://wiki.mozilla.org/APNG_Specification) frame by frame:
/// signature, IHDR, acTL (frame count, plays), then per frame an fcTL followed by the frame's
/// data: IDAT for the first frame (so it is also the still image viewers without APNG support
/// show), fdAT for the rest. fcTL and fdAT share one sequence counter starting at 0. Every
/// frame covers the whole canvas (offset 0, 0), replaces it (blend op SOURCE) and is left in
/// place (dispose op NONE).
/// </summary>
public sealed class ApngEncoder
{
    private readonly Stream _output;
    private readonly PngChunkWriter _writer;
    private readonly ApngOptions _options;
    private uint _sequence;
    private bool _withAlpha;
    private bool _completed;

    /// <summary>Starts an animation of <paramref name="frameCount"/> frames of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, frameCount is below 1 or above <see cref="ApngOptions.MaxFrames"/>, or an option is out of range.</exception>
    public ApngEncoder(Stream output, int width, int height, int frameCount, ApngOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _options = options ?? ApngOptions.Default;
        _options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        if (frameCount > _options.MaxFrames)
            throw new ArgumentOutOfRangeException(nameof(frameCount), frameCount, $"An animation may have at most {_options.MaxFrames} frames (ApngOptions.MaxFrames).");
        _output = output;
        _writer = new PngChunkWriter(output);
        Width = width;
        Height = height;
        FrameCount = frameCount;
    }

    /// <summary>Canvas width in pixels.</summary>
    public int Width { get; }

    /// <summary>Canvas height in pixels.</summary>
    public int Height { get; }

    /// <summary>Frames announced in acTL.</summary>
    public int FrameCount { get; }

    /// <summary>Frames written so far.</summary>
    public int FramesWritten { get; private set; }

    /// <summary>Appends a frame shown for <paramref name="delay"/> (default <see cref="ApngOptions.FrameDelay"/>).</summary>
    /// <exception cref="ArgumentException">The frame's size differs from the canvas, the delay is out of range, or the file is RGB and the frame has transparent pixels.</exception>
    /// <exception cref="InvalidOperationException">All frames were already written.</exception>
    public void WriteFrame(RasterImage frame, TimeSpan? delay = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_completed || FramesWritten == FrameCount) throw new InvalidOperationException($"All {FrameCount} frames were already written.");
        if (frame.Width != Width || frame.Height != Height)
            throw new ArgumentException($"Frame is {frame.Width}×{frame.Height}; the animation is {Width}×{Height}.", nameof(frame));
        var (num, den) = DelayFraction(delay ?? _options.FrameDelay);
        if (FramesWritten == 0) WriteHeader(frame);
        else if (!_withAlpha && _options.Png.PixelFormat == PngPixelFormat.Auto && !frame.IsOpaque)
            throw new ArgumentException("The first frame was opaque so the file is RGB; this frame has transparency. Use PngPixelFormat.Rgba.", nameof(frame));
        _writer.WriteChunk("fcTL", FrameControl(NextSequenceNumber(), num, den));
        PngEncoder.WriteImageData(_writer, frame, _withAlpha, _options.Png, FramesWritten == 0 ? null : NextSequenceNumber);
        FramesWritten++;
    }

    /// <summary>Writes IEND after the last frame.</summary>
    /// <exception cref="InvalidOperationException">Fewer frames than announced were written.</exception>
    public void Complete()
    {
        if (_completed) return;
        if (FramesWritten != FrameCount) throw new InvalidOperationException($"{FramesWritten} of {FrameCount} frames were written.");
        _writer.WriteChunk("IEND", []);
        _output.Flush();
        _completed = true;
    }

    /// <summary>Encodes <paramref name="frames"/> (all the same size) as APNG bytes.</summary>
    /// <exception cref="ArgumentException">No frames, frames of different sizes, or an option out of range.</exception>
    public static byte[] Encode(IReadOnlyList<RasterImage> frames, ApngOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0) throw new ArgumentException("An animation needs at least one frame.", nameof(frames));
        using var buffer = new MemoryStream();
        var encoder = new ApngEncoder(buffer, frames[0].Width, frames[0].Height, frames.Count, options);
        foreach (var frame in frames) encoder.WriteFrame(frame);
        encoder.Complete();
        return buffer.ToArray();
    }

    /// <summary>
    /// The delay as delay_num / delay_den seconds with 16-bit parts: milliseconds when they fit
    /// (up to 65.535 s), else hundredths, else whole seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative or above 65535 s.</exception>
    internal static (ushort Numerator, ushort Denominator) DelayFraction(TimeSpan delay)
    {
        if (delay < TimeSpan.Zero || delay > TimeSpan.FromSeconds(ushort.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "Frame delay must be between 0 and 65535 seconds.");
        var ms = Math.Round(delay.TotalMilliseconds);
        if (ms <= ushort.MaxValue) return ((ushort)ms, 1000);
        var cs = Math.Round(delay.TotalMilliseconds / 10);
        if (cs <= ushort.MaxValue) return ((ushort)cs, 100);
        return ((ushort)Math.Round(delay.TotalSeconds), 1);
    }

    private void WriteHeader(RasterImage first)
    {
        _withAlpha = PngEncoder.UsesAlpha(_options.Png.PixelFormat, first);
        _writer.WriteSignature();
        _writer.WriteChunk("IHDR", PngEncoder.Header(Width, Height, _withAlpha));
        Span<byte> actl = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(actl, (uint)FrameCount);
        BinaryPrimitives.WriteUInt32BigEndian(actl[4..], (uint)_options.LoopCount);
        _writer.WriteChunk("acTL", actl);
    }

    /// <summary>fcTL data (26 bytes): sequence, width, height, x, y, delay_num, delay_den, dispose_op 0, blend_op 0.</summary>
    private byte[] FrameControl(uint sequence, ushort delayNumerator, ushort delayDenominator)
    {
        var data = new byte[26];
        BinaryPrimitives.WriteUInt32BigEndian(data, sequence);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), Width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), Height);
        // x_offset, y_offset = 0 (bytes 12..19).
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(20), delayNumerator);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(22), delayDenominator);
        // dispose_op APNG_DISPOSE_OP_NONE (24), blend_op APNG_BLEND_OP_SOURCE (25) = 0.
        return data;
    }

    private uint NextSequenceNumber() => _sequence++;
}
