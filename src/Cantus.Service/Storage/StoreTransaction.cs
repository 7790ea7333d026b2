using System.Data.Common;

namespace Cantus.Service.Storage;

/// <summary>
/// A unit of work over one connection: pass <see cref="Transaction"/> to repository methods so
/// their writes commit or roll back together. Disposing without <see cref="CommitAsync"/>
/// rolls back. Put blobs before beginning: on SQLite this holds the database's write lock.
/// </summary>
public sealed class StoreTransaction : IAsyncDisposable
{
    internal StoreTransaction(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    /// <summary>The open connection the transaction runs on.</summary>
    public DbConnection Connection { get; }

    /// <summary>The transaction to pass to repository methods (and to anything else sharing it).</summary>
    public DbTransaction Transaction { get; }

    /// <summary>Commits every write made with <see cref="Transaction"/>.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => Transaction.CommitAsync(cancellationToken);

    /// <summary>Rolls back every write made with <see cref="Transaction"/>.</summary>
    public Task RollbackAsync(CancellationToken cancellationToken = default) => Transaction.RollbackAsync(cancellationToken);

    /// <summary>Rolls back if not committed, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
