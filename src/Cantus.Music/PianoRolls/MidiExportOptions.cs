namespace Cantus.Music.PianoRolls;

/// <summary>How a <see cref="Multitrack"/> becomes a MIDI file.</summary>
public sealed record MidiExportOptions
{
    /// <summary>Defaults: 480 ticks per quarter, cell velocities as they are, 100 for binary tracks.</summary>
    public static MidiExportOptions Default { get; } = new();

    /// <summary>Ticks per quarter note of the file (default 480).</summary>
    public int TicksPerQuarter { get; init; } = 480;

    /// <summary>When set, every note gets this velocity (1..127); otherwise the velocity of the note's first cell.</summary>
    public int? Velocity { get; init; }

    /// <summary>Velocity of the notes of a binary track (all cells 0 or 1), where a cell holds no real velocity (default 100).</summary>
    public int BinaryVelocity { get; init; } = 100;

    /// <summary>Whether to write running status (default true).</summary>
    public bool UseRunningStatus { get; init; } = true;
}
