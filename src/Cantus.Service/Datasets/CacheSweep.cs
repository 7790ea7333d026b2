namespace Cantus.Service.Datasets;

/// <summary>What a prune of a node's dataset cache deleted, or in a dry run would delete.</summary>
/// <param name="Folders">Folders deleted: unpacked archives no dataset uses any more, and temporary folders left behind.</param>
/// <param name="Bytes">The bytes of the files in them.</param>
public sealed record CacheSweep(int Folders, long Bytes)
{
    /// <summary>Nothing.</summary>
    public static CacheSweep None { get; } = new(0, 0);
}
