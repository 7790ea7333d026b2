namespace Cantus.Music.PianoRolls;

/// <summary>A time signature such as 4/4 or 6/8 (MIDI meta event 0x58 stores the denominator as a power of two).</summary>
public readonly record struct TimeSignature
{
    /// <summary>4/4.</summary>
    public static TimeSignature Common { get; } = new(4, 4);

    /// <summary>Creates numerator/denominator; the denominator must be a power of two from 1 to 64.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public TimeSignature(int numerator, int denominator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numerator, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numerator, 255);
        if (denominator < 1 || denominator > 64 || (denominator & (denominator - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "Denominator must be a power of two from 1 to 64.");
        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>Beats per bar.</summary>
    public int Numerator { get; }

    /// <summary>Note value of one beat (4 = quarter).</summary>
    public int Denominator { get; }

    /// <summary>Steps in one bar for a grid of <paramref name="stepsPerQuarter"/> steps per quarter note, at least 1.</summary>
    public int StepsPerBar(int stepsPerQuarter) => Math.Max(1, (int)Math.Round(Numerator * 4.0 / Denominator * stepsPerQuarter));

    /// <inheritdoc/>
    public override string ToString() => $"{Numerator}/{Denominator}";
}
