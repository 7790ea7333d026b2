using System.Collections.Concurrent;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// Large scratch buffers (patch matrices, gathered gradients) shared by all threads. Unlike
/// thread-static buffers, memory does not grow with the number of thread-pool threads that
/// happen to run kernels: at most one buffer per concurrently running kernel part exists.
/// </summary>
internal static class ScratchPool
{
    private static readonly ConcurrentBag<float[]> s_free = [];

    /// <summary>A buffer of at least <paramref name="size"/> floats (contents undefined); give it back with <see cref="Return"/>.</summary>
    public static float[] Rent(long size)
    {
        if (size > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(size), size, "Scratch buffer too large.");
        var skipped = new List<float[]>();
        float[]? found = null;
        while (s_free.TryTake(out var a))
        {
            if (a.Length >= size) { found = a; break; }
            skipped.Add(a);
        }
        // Keep smaller buffers for smaller requests, but drop one if we must allocate anyway,
        // so the pool cannot hoard ever more undersized arrays.
        if (found is null && skipped.Count > 0) skipped.RemoveAt(0);
        foreach (var a in skipped) s_free.Add(a);
        return found ?? GC.AllocateUninitializedArray<float>((int)Math.Max(size, 1));
    }

    public static void Return(float[] buffer) => s_free.Add(buffer);
}
