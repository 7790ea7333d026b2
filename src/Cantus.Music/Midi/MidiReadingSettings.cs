namespace Cantus.Music.Midi;

/// <summary>How a MIDI file is read: strict (the default) or lenient, and the limits.</summary>
public sealed record MidiReadingSettings
{
    /// <summary>Strict reading with default limits.</summary>
    public static MidiReadingSettings Strict { get; } = new();

    /// <summary>Lenient reading with default limits.</summary>
    public static MidiReadingSettings Lenient { get; } = new() { IsLenient = true };

    /// <summary>
    /// When true, damage that can be repaired (truncated tracks, a missing end of track, bad
    /// chunk lengths, stray data bytes, a zero tempo, a bad time signature, a wrong track count)
    /// is repaired and reported in <see cref="MidiFile.Repairs"/> instead of throwing.
    /// </summary>
    public bool IsLenient { get; init; }

    /// <summary>Limits checked while reading.</summary>
    public MidiLimits Limits { get; init; } = MidiLimits.Default;
}
