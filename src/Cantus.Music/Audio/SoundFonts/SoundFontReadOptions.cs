namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// Limits applied while reading a SoundFont, so that a hostile file cannot make the reader
/// allocate without bound. Every chunk size is checked against these limits and against the
/// bytes actually left in the file before anything is allocated.
/// </summary>
public sealed record SoundFontReadOptions
{
    /// <summary>The default options: 512 MiB file size (FluidR3_GM.sf2 is 142 MiB).</summary>
    public static SoundFontReadOptions Default { get; } = new();

    /// <summary>Largest accepted file (RIFF form size + 8), in bytes. Default 512 MiB.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Largest accepted number of records in any one pdta sub-chunk. Default 1,000,000.</summary>
    public int MaxRecordsPerChunk { get; init; } = 1_000_000;
}
