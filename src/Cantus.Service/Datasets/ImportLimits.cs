namespace Cantus.Service.Datasets;

/// <summary>Limits of a dataset import (configurable; checked while reading, before anything is stored).</summary>
public sealed record ImportLimits
{
    /// <summary>The defaults: a 64 MiB archive, 10,000 entries, 512 MiB uncompressed, 4 MiB per MIDI file.</summary>
    public static ImportLimits Default { get; } = new();

    /// <summary>Largest archive, in bytes.</summary>
    public long MaxArchiveBytes { get; init; } = 64L << 20;

    /// <summary>Most entries in the archive.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Largest total of the files' uncompressed sizes.</summary>
    public long MaxUncompressedBytes { get; init; } = 512L << 20;

    /// <summary>Largest single MIDI file, uncompressed.</summary>
    public long MaxFileBytes { get; init; } = 4L << 20;
}
