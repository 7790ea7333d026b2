namespace Cantus.Music.Images;

/// <summary>An inclusive range of MIDI pitches [Lowest, Highest], both in 0..127.</summary>
public readonly record struct PitchRange
{
    /// <summary>Creates [lowest, highest].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is outside 0..127 or lowest exceeds highest.</exception>
    public PitchRange(int lowest, int highest)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lowest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(highest, 127);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lowest, highest);
        Lowest = lowest;
        Highest = highest;
    }

    /// <summary>Lowest pitch shown (bottom row).</summary>
    public int Lowest { get; }

    /// <summary>Highest pitch shown (top row).</summary>
    public int Highest { get; }

    /// <summary>Number of pitches: Highest − Lowest + 1.</summary>
    public int Count => Highest - Lowest + 1;

    /// <summary>True when <paramref name="pitch"/> lies in the range.</summary>
    public bool Contains(int pitch) => pitch >= Lowest && pitch <= Highest;

    /// <summary>"C3..G5".</summary>
    public override string ToString() => $"{NoteNames.Name(Lowest)}..{NoteNames.Name(Highest)}";
}
