namespace Cantus.Service.Storage.Blobs;

/// <summary>What the blob stores' garbage collection shares: its cutoff and its batch size.</summary>
internal static class BlobGarbage
{
    /// <summary>Blobs deleted per write transaction (SQLite holds the write lock for one batch at a time).</summary>
    public const int BatchSize = 256;

    /// <summary>An upload's temporary file not written for this long is abandoned, whatever the cutoff asked for.</summary>
    public static readonly TimeSpan MinimumPartAge = TimeSpan.FromMinutes(10);

    /// <summary>The time before which a blob must have been last put to be collected: now minus <paramref name="olderThan"/> (default: the grace period).</summary>
    public static DateTimeOffset Cutoff(CantusDatabase database, TimeSpan? olderThan)
    {
        var age = olderThan ?? database.Options.BlobGracePeriod;
        ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero, nameof(olderThan));
        return database.Now() - age;
    }
}
