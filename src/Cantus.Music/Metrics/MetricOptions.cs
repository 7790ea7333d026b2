namespace Cantus.Music.Metrics;

/// <summary>
/// The time grid the music metrics measure on. docs/metrics.md fixes a bar at 16 steps
/// (4/4 on a 16th-note grid); the beat (4 steps) is the frame of the tonal distance, as in
/// MuseGAN, which computes its tonal distance per beat.
/// </summary>
public sealed record MetricOptions
{
    /// <summary>The standard grid: 16 steps per bar, 4 per beat.</summary>
    public static MetricOptions Default { get; } = new();

    /// <summary>Creates options; 1 ≤ stepsPerBeat ≤ stepsPerBar.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A length is below 1, or the beat is longer than the bar.</exception>
    public MetricOptions(int stepsPerBar = 16, int stepsPerBeat = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerBar, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerBeat, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepsPerBeat, stepsPerBar);
        StepsPerBar = stepsPerBar;
        StepsPerBeat = stepsPerBeat;
    }

    /// <summary>Steps in one bar (default 16). Only whole bars count: bars = floor(T / StepsPerBar).</summary>
    public int StepsPerBar { get; }

    /// <summary>Steps in one beat (default 4): the time frame of <see cref="TonalDistance"/>.</summary>
    public int StepsPerBeat { get; }
}
