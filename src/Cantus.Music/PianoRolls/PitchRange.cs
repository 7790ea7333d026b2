namespace Cantus.Music.PianoRolls;

/// <summary>
/// An inclusive range of MIDI pitches [<see cref="Lowest"/>, <see cref="Highest"/>] inside 0..127 (piano-roll crops, training ranges, pictures).
/// Used both as the range every training sample must fit in (Datasets: transposition keeps every voice
/// inside it) and as the pitch crop of <c>DenseRolls</c> (pitch axis index
/// <c>p - Lowest</c>, <see cref="Count"/> = <c>Highest - Lowest + 1</c> entries).
/// </summary>
public readonly record struct PitchRange
{
    /// <summary>All 128 MIDI pitches, 0..127.</summary>
    public static PitchRange Full { get; } = new(0, 127);

    /// <summary>Creates the range [lowest, highest].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is outside 0..127 or highest &lt; lowest.</exception>
    public PitchRange(int lowest, int highest)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lowest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(highest, 127);
        ArgumentOutOfRangeException.ThrowIfLessThan(highest, lowest);
        Lowest = lowest;
        Highest = highest;
    }

    /// <summary>Creates the range of <paramref name="count"/> pitches starting at <paramref name="lowest"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit in 0..127 or count &lt; 1.</exception>
    public static PitchRange FromCount(int lowest, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new PitchRange(lowest, lowest + count - 1);
    }

    /// <summary>Lowest pitch in the range.</summary>
    public int Lowest { get; }

    /// <summary>Highest pitch in the range (inclusive).</summary>
    public int Highest { get; }

    /// <summary>Number of pitches: <c>Highest - Lowest + 1</c>.</summary>
    public int Count => Highest - Lowest + 1;

    /// <summary>True when <paramref name="pitch"/> lies in the range.</summary>
    public bool Contains(int pitch) => pitch >= Lowest && pitch <= Highest;

    /// <inheritdoc/>
    public override string ToString() => $"{Lowest}..{Highest}";
}
