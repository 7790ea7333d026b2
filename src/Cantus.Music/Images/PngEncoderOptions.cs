using System.IO.Compression;

namespace Cantus.Music.Images;

/// <summary>Settings of <see cref="PngEncoder"/> and <see cref="ApngEncoder"/>.</summary>
public sealed class PngEncoderOptions
{
    /// <summary>The defaults: adaptive filtering, optimal compression, automatic pixel format.</summary>
    public static PngEncoderOptions Default { get; } = new();

    /// <summary>Scanline filtering; default <see cref="PngFilterStrategy.Adaptive"/>.</summary>
    public PngFilterStrategy FilterStrategy { get; init; } = PngFilterStrategy.Adaptive;

    /// <summary>Deflate effort for the zlib stream; default <see cref="CompressionLevel.Optimal"/>.</summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>Colour type written; default <see cref="PngPixelFormat.Auto"/>.</summary>
    public PngPixelFormat PixelFormat { get; init; } = PngPixelFormat.Auto;

    /// <summary>Largest data length of one IDAT/fdAT chunk in bytes (the zlib stream is split across chunks); default 65536.</summary>
    public int MaxChunkDataLength { get; init; } = 65536;

    internal void Validate()
    {
        if (!Enum.IsDefined(FilterStrategy)) throw new ArgumentOutOfRangeException(nameof(FilterStrategy), FilterStrategy, "Unknown filter strategy.");
        if (!Enum.IsDefined(PixelFormat)) throw new ArgumentOutOfRangeException(nameof(PixelFormat), PixelFormat, "Unknown pixel format.");
        if (MaxChunkDataLength < 16) throw new ArgumentOutOfRangeException(nameof(MaxChunkDataLength), MaxChunkDataLength, "Chunks must hold at least 16 bytes.");
    }
}
