namespace Cantus.Service.Storage.Blobs;

/// <summary>
/// Content-addressed storage of the bytes the book-keeping rows refer to (MIDI, WAV, PNG,
/// checkpoints, weights, dataset archives), keyed by SHA-256. On SQLite the bytes are files
/// under the data directory; on PostgreSQL they are in the database.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Stores <paramref name="content"/> (read to its end, hashed as it streams) and returns its
    /// key; storing content already there changes nothing. Over the store's limit, or over
    /// <paramref name="maxLength"/> when smaller, it is a <see cref="BlobTooLargeException"/> and
    /// nothing is kept. A blob becomes visible only whole.
    /// </summary>
    Task<BlobRef> PutAsync(Stream content, long? maxLength = null, CancellationToken cancellationToken = default);

    /// <summary>The blob's bytes (the caller disposes the stream; its Length is the blob's), or null when there is no such blob.</summary>
    Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>True when the blob is stored.</summary>
    Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every blob that no row refers to and that was last put longer ago than
    /// <paramref name="olderThan"/> (default: the store's grace period); returns how many went and
    /// their bytes. Safe beside puts and new references: each blob is checked again as it is
    /// deleted, and a put refreshes a blob's age, or stores it again when it just went.
    /// </summary>
    Task<BlobSweep> DeleteUnreferencedAsync(TimeSpan? olderThan = null, CancellationToken cancellationToken = default);

    /// <summary>What <see cref="DeleteUnreferencedAsync"/> would delete now (a dry run); deletes nothing.</summary>
    Task<BlobSweep> CountUnreferencedAsync(TimeSpan? olderThan = null, CancellationToken cancellationToken = default);
}
