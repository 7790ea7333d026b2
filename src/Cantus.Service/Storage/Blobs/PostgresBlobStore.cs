using System.Data;
using Cantus.Service.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Cantus.Service.Storage.Blobs;

/// <summary>
/// The PostgreSQL setup's blob store: the bytes are in <c>blobs.data</c> (bytea), so every node
/// of a cluster sees every blob and nothing but PostgreSQL is needed. A put spools the content
/// (memory, then a self-deleting temporary file) while hashing it, then streams it in one INSERT.
/// </summary>
internal sealed class PostgresBlobStore(CantusDatabase database) : IBlobStore
{
    public async Task<BlobRef> PutAsync(Stream content, long? maxLength = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var limit = BlobHashing.Limit(database.Options, maxLength);
        var spool = new SpoolStream(database.Options.SpoolMemoryBytes, database.Options.SpoolDirectory ?? Path.GetTempPath());
        await using (spool.ConfigureAwait(false))
        {
            var blob = await BlobHashing.CopyAsync(content, spool, limit, cancellationToken).ConfigureAwait(false);
            var now = database.Now();
            await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
            if (await session.ExecuteAsync("UPDATE blobs SET touched_at = @now WHERE sha256 = @Sha256", new { blob.Sha256, now }).ConfigureAwait(false) == 1)
                return blob;

            // PostgreSQL's bytea holds at most 1 GiB; Npgsql sizes a stream parameter as an int.
            if (blob.Length > int.MaxValue) throw new BlobTooLargeException(int.MaxValue);
            spool.Position = 0;
            var command = new NpgsqlCommand(
                """
                INSERT INTO blobs (sha256, length, data, created_at, touched_at) VALUES (@sha256, @length, @data, @now, @now)
                ON CONFLICT (sha256) DO UPDATE SET touched_at = EXCLUDED.touched_at
                """, (NpgsqlConnection)session.Connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("sha256", blob.Sha256);
                command.Parameters.AddWithValue("length", blob.Length);
                command.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = spool, Size = (int)blob.Length });
                command.Parameters.AddWithValue("now", now);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return blob;
        }
    }

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        BlobRef.ThrowIfInvalid(sha256);
        var connection = (NpgsqlConnection)await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlCommand? command = null;
        NpgsqlDataReader? reader = null;
        try
        {
            command = new NpgsqlCommand("SELECT length, data FROM blobs WHERE sha256 = @sha256", connection);
            command.Parameters.AddWithValue("sha256", sha256);
            reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var length = reader.GetInt64(0);
                return new OwnedReadStream(reader.GetStream(1), length, [reader, command, connection]);
            }
        }
        catch
        {
            await DisposeAllAsync(reader, command, connection).ConfigureAwait(false);
            throw;
        }
        await DisposeAllAsync(reader, command, connection).ConfigureAwait(false);
        return null;
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default)
    {
        BlobRef.ThrowIfInvalid(sha256);
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.ScalarAsync<long>("SELECT COUNT(*) FROM blobs WHERE sha256 = @sha256", new { sha256 }).ConfigureAwait(false) > 0;
    }

    public async Task<BlobSweep> DeleteUnreferencedAsync(TimeSpan? olderThan = null, CancellationToken cancellationToken = default)
    {
        var cutoff = BlobGarbage.Cutoff(database, olderThan);
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        var candidates = await UnreferencedAsync(session, cutoff).ConfigureAwait(false);
        var count = 0;
        var bytes = 0L;
        foreach (var blob in candidates)
        {
            // One statement per blob, re-checked as it deletes. A put since the list was read has
            // refreshed touched_at: READ COMMITTED re-evaluates the condition on the updated row, so
            // the blob stays; a put that waited for this delete finds no row to touch and inserts the
            // blob again. A row that started to refer to the blob keeps it: its foreign key check makes
            // the DELETE fail.
            try
            {
                if (await session.ExecuteAsync(
                        $"DELETE FROM blobs WHERE sha256 = @Sha256 AND touched_at < @cutoff AND {BlobReferences.Unreferenced}",
                        new { blob.Sha256, cutoff }).ConfigureAwait(false) == 0)
                    continue;
                count++;
                bytes += blob.Length;
            }
            catch (PostgresException ex) when (StoreErrors.IsForeignKeyViolation(ex))
            {
            }
        }
        return new BlobSweep(count, bytes);
    }

    public async Task<BlobSweep> CountUnreferencedAsync(TimeSpan? olderThan = null, CancellationToken cancellationToken = default)
    {
        var cutoff = BlobGarbage.Cutoff(database, olderThan);
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        var candidates = await UnreferencedAsync(session, cutoff).ConfigureAwait(false);
        return new BlobSweep(candidates.Count, candidates.Sum(b => b.Length));
    }

    private static Task<IReadOnlyList<BlobRef>> UnreferencedAsync(DbSession session, DateTimeOffset cutoff) =>
        session.ListAsync<BlobRef>($"SELECT sha256, length FROM blobs WHERE touched_at < @cutoff AND {BlobReferences.Unreferenced}", new { cutoff });

    private static async ValueTask DisposeAllAsync(params IAsyncDisposable?[] items)
    {
        foreach (var item in items)
            if (item is not null) await item.DisposeAsync().ConfigureAwait(false);
    }
}
