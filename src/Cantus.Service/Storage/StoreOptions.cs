namespace Cantus.Service.Storage;

/// <summary>Settings of the book-keeping store; every one has a default that suits a laptop.</summary>
public sealed record StoreOptions
{
    /// <summary>How long a SQLite connection waits for another writer before giving up (default 5 s).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest blob the store accepts, in bytes (default 512 MiB).</summary>
    public long MaxBlobBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// Where a SQLite store keeps blob files; by default <c>blobs/</c> beside the database file.
    /// Ignored on PostgreSQL, where blobs live in the database.
    /// </summary>
    public string? BlobDirectory { get; init; }

    /// <summary>
    /// Where PostgreSQL blob uploads larger than <see cref="SpoolMemoryBytes"/> are spooled
    /// while they are hashed (their key is their hash); by default the system temporary folder.
    /// </summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>Blob uploads up to this size are hashed in memory on PostgreSQL (default 1 MiB).</summary>
    public int SpoolMemoryBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Garbage collection keeps an unreferenced blob until it is this old (default 1 hour), so
    /// that a blob put just before the row that will reference it is not collected in between.
    /// </summary>
    public TimeSpan BlobGracePeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The clock the store stamps rows with.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "The busy timeout must be between 0 and 1 hour.");
        if (MaxBlobBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxBlobBytes), MaxBlobBytes, "The blob size limit must be positive.");
        if (SpoolMemoryBytes < 0)
            throw new ArgumentOutOfRangeException(nameof(SpoolMemoryBytes), SpoolMemoryBytes, "The in-memory spool size cannot be negative.");
        if (BlobGracePeriod < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(BlobGracePeriod), BlobGracePeriod, "The blob grace period cannot be negative.");
        ArgumentNullException.ThrowIfNull(Time);
    }
}
