namespace Cantus.Music.Midi;

/// <summary>
/// Upper bounds enforced while reading a MIDI file, so that a hostile file cannot exhaust
/// memory or time. Each limit is checked before the work it bounds.
/// </summary>
public sealed record MidiLimits
{
    /// <summary>Default limits: 16 MiB, 1024 tracks, 4 M events, 2^30 ticks, 6 hours.</summary>
    public static MidiLimits Default { get; } = new();

    /// <summary>Largest accepted file, in bytes (default 16 MiB).</summary>
    public long MaxFileBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most track chunks (default 1024).</summary>
    public int MaxTracks { get; init; } = 1024;

    /// <summary>Most events over all tracks (default 4,000,000).</summary>
    public int MaxEvents { get; init; } = 4_000_000;

    /// <summary>Largest absolute tick of any event (default 2^30).</summary>
    public long MaxTicks { get; init; } = 1L << 30;

    /// <summary>Longest duration in seconds, tempo changes honoured (default 6 hours).</summary>
    public double MaxDurationSeconds { get; init; } = 6 * 3600;
}
