namespace Cantus.Tensors.Kernels;

/// <summary>
/// Fixed partitioning of work over <see cref="EngineSettings.ThreadCount"/> threads: part
/// <c>p</c> of <c>parts</c> always covers the same index range, so results never depend on
/// scheduling.
/// </summary>
internal static class WorkPartition
{
    /// <summary>Number of parts to split <paramref name="count"/> items into.</summary>
    public static int Parts(int count) => Math.Max(1, Math.Min(EngineSettings.ThreadCount, count));

    /// <summary>Runs body(part, start, end) for each of <paramref name="parts"/> contiguous ranges of [0, count).</summary>
    public static void For(int count, int parts, Action<int, int, int> body)
    {
        if (count <= 0) return;
        parts = Math.Max(1, Math.Min(parts, count));
        if (parts == 1)
        {
            body(0, 0, count);
            return;
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            int start = (int)((long)count * p / parts), end = (int)((long)count * (p + 1) / parts);
            body(p, start, end);
        });
    }
}
