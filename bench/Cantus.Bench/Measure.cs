using System.Diagnostics;

namespace Cantus.Bench;

/// <summary>Runs an action repeatedly after a warm-up and reports the median and the other runs' times.</summary>
public static class Measure
{
    /// <summary>Times <paramref name="action"/> <paramref name="runs"/> times after <paramref name="warmup"/> untimed runs.</summary>
    public static Timing Run(Action action, int runs = 5, int warmup = 1)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        for (var i = 0; i < warmup; i++) action();
        var seconds = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return new Timing(seconds);
    }
}
