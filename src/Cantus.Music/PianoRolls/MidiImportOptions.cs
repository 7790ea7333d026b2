namespace Cantus.Music.PianoRolls;

/// <summary>How a MIDI file becomes a <see cref="Multitrack"/>.</summary>
public sealed record MidiImportOptions
{
    /// <summary>Defaults: 4 steps per beat (16th notes), 120 BPM when the file has no tempo (SMF 1.0).</summary>
    public static MidiImportOptions Default { get; } = new();

    /// <summary>Steps per quarter note (default 4, a 16th-note grid).</summary>
    public int StepsPerBeat { get; init; } = 4;

    /// <summary>Tempo used when the file has no tempo event (default 120 BPM, the SMF default).</summary>
    public double DefaultTempoBpm { get; init; } = 120;

    /// <summary>When true, the length is rounded up to a whole number of bars (silence added at the end).</summary>
    public bool PadToWholeBars { get; init; }

    /// <summary>Most steps of the result (default 1,000,000), so a far-away event cannot allocate unbounded memory.</summary>
    public int MaxSteps { get; init; } = 1_000_000;
}
