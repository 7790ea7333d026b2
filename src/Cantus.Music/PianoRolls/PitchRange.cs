namespace Cantus.Music.PianoRolls;

/// <summary>
/// An inclusive range of MIDI pitches [<see cref="Lowest"/>, <see cref="Highest"/>] inside 0..127 (piano-roll crops, training ranges, pictures).
/// Used both as the range every training sample must fit in (Datasets: transposition keeps every voice
/// inside it) and as the pitch crop of <c>DenseRolls</c> (pitch axis index
/// <c>p - Lowest</c>, <see cref="Count"/> = <c>Highest - Lowest + 1</c> entries).
/// </summary>
public readonly record struct PitchRange : IParsable<PitchRange>
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

    /// <summary>Parses <c>LOW..HIGH</c> (e.g. <c>36..99</c>), both inclusive, within 0..127.</summary>
    /// <exception cref="FormatException">The text is not of that form or the bounds are out of order or range; the message says which.</exception>
    public static PitchRange Parse(string text, IFormatProvider? provider = null) =>
        TryParse(text, out var range, out var problem) ? range : throw new FormatException(problem);

    /// <summary>Parses <c>LOW..HIGH</c>; false when the text is not a valid range.</summary>
    public static bool TryParse(string? text, IFormatProvider? provider, out PitchRange result) => TryParse(text, out result, out _);

    private static bool TryParse(string? text, out PitchRange result, out string problem)
    {
        result = default;
        var parts = (text ?? "").Split("..");
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(parts[1].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var high))
        {
            problem = $"A pitch range is written LOW..HIGH with MIDI pitch numbers (e.g. 36..99), not '{text}'.";
            return false;
        }
        if (high > 127 || low > high)
        {
            problem = $"The pitch range {low}..{high} must lie within 0..127 with the lower bound first.";
            return false;
        }
        result = new PitchRange(low, high);
        problem = "";
        return true;
    }
}
