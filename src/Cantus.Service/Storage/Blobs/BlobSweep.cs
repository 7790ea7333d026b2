namespace Cantus.Service.Storage.Blobs;

/// <summary>What a garbage collection of blobs deleted, or in a dry run would delete.</summary>
/// <param name="Count">Blobs deleted (on SQLite, files no row recorded count too).</param>
/// <param name="Bytes">Their bytes.</param>
public sealed record BlobSweep(int Count, long Bytes)
{
    /// <summary>Nothing.</summary>
    public static BlobSweep None { get; } = new(0, 0);

    /// <summary>This sweep and <paramref name="other"/> together.</summary>
    public BlobSweep Plus(BlobSweep other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Count + other.Count, Bytes + other.Bytes);
    }
}
