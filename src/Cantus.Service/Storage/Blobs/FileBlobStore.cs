using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Blobs;

/// <summary>
/// The SQLite setup's blob store: each blob is a file <c>blobs/ab/cd/&lt;sha256&gt;</c> under the
/// data directory, and a <c>blobs</c> row (what foreign keys point at) records it. A put
/// streams to <c>blobs/tmp/</c> (same file system), fsyncs, then renames into place inside a
/// write transaction, so a blob is visible only whole and garbage collection (which holds the
/// same write lock) never races a put.
/// </summary>
internal sealed class FileBlobStore : IBlobStore
{
    private const int BufferSize = 81920;
    private readonly CantusDatabase database;
    private readonly string temporary;

    public FileBlobStore(CantusDatabase database, string root)
    {
        this.database = database;
        Root = Path.GetFullPath(root);
        temporary = Path.Combine(Root, "tmp");
    }

    /// <summary>The folder that holds the blob files.</summary>
    public string Root { get; }

    /// <summary>Where the blob with this key is kept.</summary>
    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    public async Task<BlobRef> PutAsync(Stream content, long? maxLength = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var limit = BlobHashing.Limit(database.Options, maxLength);
        Directory.CreateDirectory(temporary);
        var part = Path.Combine(temporary, StoreIds.New() + ".part");
        try
        {
            BlobRef blob;
            var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                blob = await BlobHashing.CopyAsync(content, file, limit, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            await using var session = await DbSession.OpenAsync(database, null, true, cancellationToken).ConfigureAwait(false);
            var target = PathOf(blob.Sha256);
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(part, target, overwrite: true);
            }
            await session.ExecuteAsync(
                """
                INSERT INTO blobs (sha256, length, created_at, touched_at) VALUES (@Sha256, @Length, @now, @now)
                ON CONFLICT (sha256) DO UPDATE SET touched_at = excluded.touched_at
                """, new { blob.Sha256, blob.Length, now = database.Now() }).ConfigureAwait(false);
            await session.CommitAsync().ConfigureAwait(false);
            return blob;
        }
        finally
        {
            File.Delete(part);
        }
    }

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!await RowExistsAsync(sha256, cancellationToken).ConfigureAwait(false)) return null;
        try
        {
            return new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default) =>
        await RowExistsAsync(sha256, cancellationToken).ConfigureAwait(false) && File.Exists(PathOf(sha256));

    public async Task<int> DeleteUnreferencedAsync(TimeSpan? olderThan = null, CancellationToken cancellationToken = default)
    {
        var cutoff = database.Now() - (olderThan ?? database.Options.BlobGracePeriod);
        await using var session = await DbSession.OpenAsync(database, null, true, cancellationToken).ConfigureAwait(false);
        var doomed = await session.ListAsync<string>(
            $"SELECT sha256 FROM blobs WHERE touched_at < @cutoff AND {BlobReferences.Unreferenced}", new { cutoff }).ConfigureAwait(false);
        foreach (var sha256 in doomed)
        {
            await session.ExecuteAsync("DELETE FROM blobs WHERE sha256 = @sha256", new { sha256 }).ConfigureAwait(false);
            File.Delete(PathOf(sha256));
        }
        var deleted = doomed.Count + await DeleteStrayFilesAsync(session, cutoff.UtcDateTime).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
        return deleted;
    }

    /// <summary>
    /// Deletes files no row records (left by a crash between rename and commit) and abandoned
    /// temporary files, when older than the cutoff. Runs under the write lock, so no put is midway.
    /// </summary>
    private async Task<int> DeleteStrayFilesAsync(DbSession session, DateTime cutoff)
    {
        if (!Directory.Exists(Root)) return 0;
        if (Directory.Exists(temporary))
            foreach (var part in Directory.EnumerateFiles(temporary).Where(f => File.GetLastWriteTimeUtc(f) < cutoff))
                File.Delete(part);
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var sha256 = Path.GetFileName(file);
            if (!BlobRef.IsValidSha256(sha256) || file != PathOf(sha256) || File.GetLastWriteTimeUtc(file) >= cutoff) continue;
            if (await session.ScalarAsync<long>("SELECT COUNT(*) FROM blobs WHERE sha256 = @sha256", new { sha256 }).ConfigureAwait(false) > 0) continue;
            File.Delete(file);
            deleted++;
        }
        return deleted;
    }

    private async Task<bool> RowExistsAsync(string sha256, CancellationToken cancellationToken)
    {
        BlobRef.ThrowIfInvalid(sha256);
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.ScalarAsync<long>("SELECT COUNT(*) FROM blobs WHERE sha256 = @sha256", new { sha256 }).ConfigureAwait(false) > 0;
    }
}
