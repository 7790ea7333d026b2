using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Blobs;

/// <summary>
/// The SQLite setup's blob store: each blob is a file <c>blobs/ab/cd/&lt;sha256&gt;</c> under the
/// data directory, and a <c>blobs</c> row (what foreign keys point at) records it. A put
/// streams to <c>blobs/tmp/</c> (same file system), fsyncs, then renames into place inside a
/// write transaction, so a blob is visible only whole; garbage collection deletes under the same
/// write lock, so it never races a put.
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

    public async Task<BlobSweep> DeleteUnreferencedAsync(TimeSpan? olderThan = null, CancellationToken cancellationToken = default)
    {
        var cutoff = BlobGarbage.Cutoff(database, olderThan);
        // Candidates are found without the write lock, so that puts go on meanwhile; each is checked
        // again under the lock, where no put is midway (a put moves its file into place and records
        // it in one write transaction), in batches, so that a writer waits for one batch at most.
        var rows = await UnreferencedAsync(cutoff, cancellationToken).ConfigureAwait(false);
        var strays = await StrayFilesAsync(cutoff.UtcDateTime, cancellationToken).ConfigureAwait(false);
        var swept = BlobSweep.None;
        foreach (var batch in rows.Chunk(BlobGarbage.BatchSize))
            swept = swept.Plus(await DeleteRowsAsync(batch, cutoff, cancellationToken).ConfigureAwait(false));
        foreach (var batch in strays.Chunk(BlobGarbage.BatchSize))
            swept = swept.Plus(await DeleteStraysAsync(batch, cutoff.UtcDateTime, cancellationToken).ConfigureAwait(false));
        DeleteAbandonedParts(olderThan ?? database.Options.BlobGracePeriod);
        return swept;
    }

    public async Task<BlobSweep> CountUnreferencedAsync(TimeSpan? olderThan = null, CancellationToken cancellationToken = default)
    {
        var cutoff = BlobGarbage.Cutoff(database, olderThan);
        var rows = await UnreferencedAsync(cutoff, cancellationToken).ConfigureAwait(false);
        var strays = await StrayFilesAsync(cutoff.UtcDateTime, cancellationToken).ConfigureAwait(false);
        return new BlobSweep(rows.Count + strays.Count, rows.Sum(b => b.Length) + strays.Sum(b => b.Length));
    }

    private async Task<IReadOnlyList<BlobRef>> UnreferencedAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<BlobRef>(
            $"SELECT sha256, length FROM blobs WHERE touched_at < @cutoff AND {BlobReferences.Unreferenced}", new { cutoff }).ConfigureAwait(false);
    }

    private async Task<BlobSweep> DeleteRowsAsync(BlobRef[] batch, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var session = await DbSession.OpenAsync(database, null, true, cancellationToken).ConfigureAwait(false);
        var count = 0;
        var bytes = 0L;
        foreach (var blob in batch)
        {
            // Checked again under the lock: a put since the list was read refreshed touched_at, a new row refers to it.
            if (await session.ExecuteAsync($"DELETE FROM blobs WHERE sha256 = @Sha256 AND touched_at < @cutoff AND {BlobReferences.Unreferenced}",
                    new { blob.Sha256, cutoff }).ConfigureAwait(false) == 0)
                continue;
            // The file goes before the commit, under the lock. After the commit, a put waiting for the
            // lock could find the file still there, record it, and lose it to this delete. Should the
            // commit fail instead, the row is left without its file: still unreferenced, and a use case
            // puts a blob before it refers to it, which writes the file anew.
            File.Delete(PathOf(blob.Sha256));
            count++;
            bytes += blob.Length;
        }
        await session.CommitAsync().ConfigureAwait(false);
        return new BlobSweep(count, bytes);
    }

    /// <summary>
    /// Blob files that no row records (left by a crash between rename and commit), written before
    /// the cutoff; found without the lock, so each is checked again under it.
    /// </summary>
    private async Task<IReadOnlyList<BlobRef>> StrayFilesAsync(DateTime cutoffUtc, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root)) return [];
        HashSet<string> recorded;
        await using (var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false))
            recorded = [.. await session.ListAsync<string>("SELECT sha256 FROM blobs").ConfigureAwait(false)];
        var strays = new List<BlobRef>();
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var sha256 = Path.GetFileName(path);
            if (!BlobRef.IsValidSha256(sha256) || path != PathOf(sha256) || recorded.Contains(sha256)) continue;
            var file = new FileInfo(path);
            if (file.Exists && file.LastWriteTimeUtc < cutoffUtc) strays.Add(new BlobRef(sha256, file.Length));
        }
        return strays;
    }

    private async Task<BlobSweep> DeleteStraysAsync(BlobRef[] batch, DateTime cutoffUtc, CancellationToken cancellationToken)
    {
        await using var session = await DbSession.OpenAsync(database, null, true, cancellationToken).ConfigureAwait(false);
        var count = 0;
        var bytes = 0L;
        foreach (var stray in batch)
        {
            // A put since the listing found the file in place and recorded it: keep it.
            if (await session.ScalarAsync<long>("SELECT COUNT(*) FROM blobs WHERE sha256 = @Sha256", new { stray.Sha256 }).ConfigureAwait(false) > 0) continue;
            var file = new FileInfo(PathOf(stray.Sha256));
            if (!file.Exists || file.LastWriteTimeUtc >= cutoffUtc) continue;
            var length = file.Length;
            file.Delete();
            count++;
            bytes += length;
        }
        await session.CommitAsync().ConfigureAwait(false);
        return new BlobSweep(count, bytes);
    }

    /// <summary>
    /// Deletes uploads abandoned in <c>tmp/</c> (a crash or a killed process mid-put): files not
    /// written for the grace period, and never for less than <see cref="BlobGarbage.MinimumPartAge"/>,
    /// so that a put in progress (its file grows as it streams) keeps its file. Their age is measured
    /// on the file system's clock, the one that stamped them: nothing else protects a put in progress.
    /// </summary>
    private void DeleteAbandonedParts(TimeSpan olderThan)
    {
        if (!Directory.Exists(temporary)) return;
        var cutoff = DateTime.UtcNow - (olderThan > BlobGarbage.MinimumPartAge ? olderThan : BlobGarbage.MinimumPartAge);
        foreach (var part in Directory.EnumerateFiles(temporary).Where(f => File.GetLastWriteTimeUtc(f) < cutoff))
        {
            try
            {
                File.Delete(part);
            }
            catch (IOException)
            {
                // gone already, or in use: the next pass tries again
            }
        }
    }

    private async Task<bool> RowExistsAsync(string sha256, CancellationToken cancellationToken)
    {
        BlobRef.ThrowIfInvalid(sha256);
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.ScalarAsync<long>("SELECT COUNT(*) FROM blobs WHERE sha256 = @sha256", new { sha256 }).ConfigureAwait(false) > 0;
    }
}
