using System.Data.Common;
using Cantus.Service.Storage.Sql;
using Dapper;

namespace Cantus.Service.Storage.Maintenance;

/// <summary>
/// Lets one node of a PostgreSQL cluster at a time collect blobs: a session-level advisory lock
/// (<see cref="SqlDialect.MaintenanceLockKey"/>) on a connection of its own, held until disposed
/// (or until that connection drops, when the server releases it: harmless, since every delete is
/// checked again as it runs). On SQLite there is nothing to take: one machine, and the deletes run
/// under the database's write lock.
/// </summary>
internal sealed class MaintenanceLock : IAsyncDisposable
{
    private readonly DbConnection? connection;

    private MaintenanceLock(DbConnection? connection) => this.connection = connection;

    /// <summary>The lock, or null when another node holds it (it is not waited for).</summary>
    public static async Task<MaintenanceLock?> TryTakeAsync(CantusDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Engine != DatabaseEngine.PostgreSql) return new MaintenanceLock(null);
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var taken = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT pg_try_advisory_lock({SqlDialect.MaintenanceLockKey})", cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (taken) return new MaintenanceLock(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>Releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (connection is null) return;
        try
        {
            await connection.ExecuteAsync($"SELECT pg_advisory_unlock({SqlDialect.MaintenanceLockKey})").ConfigureAwait(false);
        }
        catch (DbException)
        {
            // the connection broke, and the server released the lock with its session
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
