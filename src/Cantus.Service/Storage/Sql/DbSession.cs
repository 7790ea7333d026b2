using System.Data.Common;
using Dapper;

namespace Cantus.Service.Storage.Sql;

/// <summary>
/// The connection (and maybe transaction) one repository call runs on: the caller's
/// transaction when it passed one, else a connection of its own, with a transaction of its own
/// when the call writes more than one statement. Only what it opened is committed or closed here.
/// </summary>
internal sealed class DbSession : IAsyncDisposable
{
    private readonly bool ownsConnection;
    private readonly bool ownsTransaction;

    private DbSession(DbConnection connection, DbTransaction? transaction, bool ownsConnection, bool ownsTransaction, CancellationToken cancellationToken)
    {
        Connection = connection;
        Transaction = transaction;
        this.ownsConnection = ownsConnection;
        this.ownsTransaction = ownsTransaction;
        CancellationToken = cancellationToken;
    }

    public DbConnection Connection { get; }

    public DbTransaction? Transaction { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>A session on the caller's transaction, or on a new connection (in a new transaction when <paramref name="transactional"/>).</summary>
    public static async Task<DbSession> OpenAsync(CantusDatabase database, DbTransaction? outer, bool transactional, CancellationToken cancellationToken)
    {
        if (outer is not null)
        {
            var connection = outer.Connection ?? throw new InvalidOperationException("The transaction has already completed.");
            return new DbSession(connection, outer, ownsConnection: false, ownsTransaction: false, cancellationToken);
        }
        var own = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = transactional ? await own.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
            return new DbSession(own, transaction, ownsConnection: true, ownsTransaction: transactional, cancellationToken);
        }
        catch
        {
            await own.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<int> ExecuteAsync(string sql, object? args = null) => Connection.ExecuteAsync(Command(sql, args));

    public Task<T?> ScalarAsync<T>(string sql, object? args = null) => Connection.ExecuteScalarAsync<T>(Command(sql, args));

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? args = null) => Connection.QuerySingleOrDefaultAsync<T>(Command(sql, args));

    public async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object? args = null) =>
        (await Connection.QueryAsync<T>(Command(sql, args)).ConfigureAwait(false)).AsList();

    /// <summary>Commits the session's own transaction; a caller's transaction is the caller's to commit.</summary>
    public Task CommitAsync() => ownsTransaction && Transaction is not null ? Transaction.CommitAsync(CancellationToken) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (ownsTransaction && Transaction is not null) await Transaction.DisposeAsync().ConfigureAwait(false);
        if (ownsConnection) await Connection.DisposeAsync().ConfigureAwait(false);
    }

    private CommandDefinition Command(string sql, object? args) =>
        new(sql, args, Transaction, cancellationToken: CancellationToken);
}
