namespace Cantus.Bench;

/// <summary>Wall-clock seconds of repeated runs.</summary>
public sealed record Timing(IReadOnlyList<double> Seconds)
{
    /// <summary>The median run (the lower middle one for an even count).</summary>
    public double Median => Seconds.Order().ElementAt((Seconds.Count - 1) / 2);

    /// <summary>The fastest run.</summary>
    public double Min => Seconds.Min();
}
