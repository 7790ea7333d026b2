using System.Diagnostics;

namespace Cantus.Tensors.Autograd;

/// <summary>
/// Optional per-op wall-clock accounting for benchmarks (off by default, one thread): forward
/// time is charged to an op as the time since the previous op finished; backward time per
/// rule as "∇name".
/// </summary>
internal static class OpProfiler
{
    private static long s_last;

    public static bool Enabled { get; set; }

    public static Dictionary<string, double> Seconds { get; } = new(StringComparer.Ordinal);

    public static void Mark() => s_last = Stopwatch.GetTimestamp();

    public static void Charge(string op)
    {
        long now = Stopwatch.GetTimestamp();
        Seconds[op] = Seconds.GetValueOrDefault(op) + (now - s_last) / (double)Stopwatch.Frequency;
        s_last = now;
    }
}
