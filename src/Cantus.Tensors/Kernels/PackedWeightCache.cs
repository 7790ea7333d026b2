using System.Runtime.CompilerServices;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// Packed GEMM forms of convolution weights (the kernel, its transpose, the upsampling
/// phase kernels), cached per weight storage and rebuilt when the storage version changes
/// (an optimizer step, a load). Inference and the critic steps' repeated generator passes
/// then pack each weight once instead of once per call.
/// </summary>
internal static class PackedWeightCache
{
    private static readonly ConditionalWeakTable<TensorStorage, Entry> s_entries = new();

    /// <summary>The packed matrix for (storage, key), built by <paramref name="build"/> when missing or stale.</summary>
    public static PackedMatrix Get(TensorStorage storage, string key, Func<PackedMatrix> build)
    {
        var entry = s_entries.GetValue(storage, _ => new Entry());
        lock (entry)
        {
            if (entry.Version != storage.Version)
            {
                entry.Items.Clear();
                entry.Version = storage.Version;
            }
            if (!entry.Items.TryGetValue(key, out var packed)) entry.Items[key] = packed = build();
            return packed;
        }
    }

    private sealed class Entry
    {
        public int Version { get; set; } = -1;

        public Dictionary<string, PackedMatrix> Items { get; } = new(StringComparer.Ordinal);
    }
}
