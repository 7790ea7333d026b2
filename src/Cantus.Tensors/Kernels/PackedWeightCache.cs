using System.Runtime.CompilerServices;

namespace Cantus.Tensors.Kernels;

/// <summary>
/// Packed GEMM forms of convolution weights (the kernel, its transpose, the upsampling
/// phase kernels), cached per weight storage and rebuilt when the storage version changes
/// (an optimizer step, a load). Inference and the critic steps' repeated generator passes
/// then pack each weight once instead of once per call. Concurrent forward passes over the
/// same weights are safe; modifying weights while another thread runs ops on them is not
/// (it never was: the op would read half-updated weights anyway).
/// </summary>
internal static class PackedWeightCache
{
    private static readonly ConditionalWeakTable<TensorStorage, Entry> s_entries = new();

    /// <summary>
    /// The packed matrix for (storage, key), built by <paramref name="build"/> when missing or
    /// stale; a stale packing is handed to <paramref name="build"/> so its buffer is reused
    /// (weights change every optimizer step: repacking in place keeps memory flat).
    /// </summary>
    public static PackedMatrix Get(TensorStorage storage, string key, Func<PackedMatrix?, PackedMatrix> build)
    {
        var entry = s_entries.GetValue(storage, _ => new Entry());
        lock (entry)
        {
            if (entry.Items.TryGetValue(key, out var item) && item.Version == storage.Version) return item.Packed;
            var packed = build(item.Packed);
            entry.Items[key] = (packed, storage.Version);
            return packed;
        }
    }

    private sealed class Entry
    {
        public Dictionary<string, (PackedMatrix Packed, int Version)> Items { get; } = new(StringComparer.Ordinal);
    }
}
