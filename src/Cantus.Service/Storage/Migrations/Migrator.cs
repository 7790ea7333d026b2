using System.Data.Common;
using Cantus.Service.Storage.Sql;
using Dapper;

namespace Cantus.Service.Storage.Migrations;

/// <summary>
/// Brings the schema up to date: the engine's numbered scripts, each in its own transaction
/// with its row in <c>schema_version</c>, in order, skipping those already applied. Safe to run
/// from several processes at once (an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite).
/// A database newer than this code is refused with a <see cref="StoreSchemaException"/>.
/// </summary>
public sealed class Migrator
{
    private readonly CantusDatabase database;
    private readonly IReadOnlyList<MigrationScript> scripts;

    /// <summary>A migrator for <paramref name="database"/>'s engine.</summary>
    public Migrator(CantusDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
        scripts = MigrationScript.For(database.Engine);
    }

    /// <summary>The newest schema version this code knows.</summary>
    public int LatestVersion => scripts.Count == 0 ? 0 : scripts[^1].Version;

    /// <summary>The database's schema version (0 for an empty database).</summary>
    public async Task<int> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureVersionTableAsync(transaction, cancellationToken).ConfigureAwait(false);
        var version = await CurrentAsync(transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return version;
    }

    /// <summary>Applies every migration the database lacks and returns them (none when it is up to date).</summary>
    public async Task<IReadOnlyList<AppliedMigration>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var applied = new List<AppliedMigration>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var script in scripts)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await EnsureVersionTableAsync(transaction, cancellationToken).ConfigureAwait(false);
            var current = await CurrentAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (current >= script.Version) continue;
            await Run(transaction, script.Sql, null, cancellationToken).ConfigureAwait(false);
            var row = new AppliedMigration(script.Version, script.Name, database.Now());
            await Run(transaction, "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)", row, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(row);
        }
        return applied;
    }

    /// <summary>Takes the migration lock and creates <c>schema_version</c> if this is a new database.</summary>
    private async Task EnsureVersionTableAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.Dialect.MigrationLock is { } lockSql) await Run(transaction, lockSql, null, cancellationToken).ConfigureAwait(false);
        await Run(transaction,
            $"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at {database.Dialect.TimestampType} NOT NULL)",
            null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The applied version, refusing a database that is newer than this code.</summary>
    private async Task<int> CurrentAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var current = await transaction.Connection!.ExecuteScalarAsync<int?>(
            new CommandDefinition("SELECT MAX(version) FROM schema_version", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
        if (current > LatestVersion)
            throw new StoreSchemaException(
                $"The database ({database.Description}) has schema version {current}, newer than the {LatestVersion} this Cantus knows: " +
                "it was upgraded by a newer Cantus. Run that version, or restore a backup made before the upgrade.");
        return current;
    }

    private static Task Run(DbTransaction transaction, string sql, object? args, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
}
