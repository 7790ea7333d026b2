using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Accounts;

/// <summary>
/// The key ring that every web node of the database shares (table <c>data_protection_keys</c>):
/// XML elements as ASP.NET Core's key manager stores them, only ever added, read back in the order
/// they were added. The store keeps what it is given: encrypting a key's secret part is the
/// caller's (the web host's key-ring encryptor).
/// </summary>
public sealed class KeyRingRepository
{
    private const string Columns = "id, name, xml, created_at";
    private readonly CantusDatabase database;

    internal KeyRingRepository(CantusDatabase database) => this.database = database;

    /// <summary>Every element, oldest first.</summary>
    public async Task<IReadOnlyList<KeyRingElement>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<KeyRingElement>($"SELECT {Columns} FROM data_protection_keys ORDER BY id").ConfigureAwait(false);
    }

    /// <summary>Adds an element.</summary>
    public async Task AddAsync(string name, string xml, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(xml);
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync("INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now)",
            new { name, xml, now = database.Now() }).ConfigureAwait(false);
    }

    /// <summary>
    /// Holds the key ring's lock until disposed, so that of several nodes starting at once on a
    /// database without keys only the first makes one and the others read it: an advisory lock
    /// on PostgreSQL, held by a transaction of its own (the key is added on another connection).
    /// On SQLite nothing: one process serves a SQLite file, and a write lock held here would
    /// block the insert.
    /// </summary>
    public async Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken = default)
    {
        if (database.Dialect.TransactionLock(SqlDialect.KeyRingLockKey) is not { } sql) return NoLock.Instance;
        var transaction = await database.BeginAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = transaction.Connection.CreateCommand();
            command.Transaction = transaction.Transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction; // disposing it rolls back its (empty) transaction, which releases the lock
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
