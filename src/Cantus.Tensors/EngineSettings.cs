namespace Cantus.Tensors;

/// <summary>
/// Process-wide engine settings. Results are bit-identical for the same inputs and the same
/// <see cref="ThreadCount"/> (work is split into fixed, ordered partitions).
/// </summary>
public static class EngineSettings
{
    private static int s_threadCount = Environment.ProcessorCount;

    /// <summary>Number of threads kernels may use (default: all processors).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 256.</exception>
    public static int ThreadCount
    {
        get => s_threadCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 256);
            s_threadCount = value;
        }
    }
}
