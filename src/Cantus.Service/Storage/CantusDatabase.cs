using System.Data.Common;
using Cantus.Service.Storage.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cantus.Service.Storage;

/// <summary>
/// The book-keeping database, SQLite or PostgreSQL, chosen by one connection setting. Hands out
/// open connections with the engine's settings applied; thread-safe; dispose it at shutdown.
/// </summary>
public sealed class CantusDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The SQLite file that the embedded setup keeps in its data directory.</summary>
    public const string DefaultFileName = "cantus.db";

    private readonly string connectionString;
    private readonly NpgsqlDataSource? dataSource;
    private volatile bool prepared;
    private bool disposed;

    static CantusDatabase() => DapperSetup.Ensure();

    private CantusDatabase(DatabaseEngine engine, string connectionString, string? sqliteFile, StoreOptions options)
    {
        Engine = engine;
        Options = options;
        this.connectionString = connectionString;
        SqliteFile = sqliteFile;
        Dialect = engine == DatabaseEngine.PostgreSql ? SqlDialect.PostgreSql : SqlDialect.Sqlite;
        Description = ConnectionStrings.Describe(engine, connectionString);
        if (engine == DatabaseEngine.PostgreSql) dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>
    /// Opens the database that <paramref name="connection"/> names: <c>postgres://…</c>,
    /// <c>postgresql://…</c> or a keyword string with <c>Host=</c> is PostgreSQL; anything else
    /// is a SQLite file path or <c>Data Source=…</c> string (the file and its folder are created
    /// on first use). Nothing is migrated here: see <see cref="Migrations.Migrator"/>.
    /// </summary>
    public static CantusDatabase Open(string connection, StoreOptions? options = null)
    {
        options ??= new StoreOptions();
        options.Validate();
        var engine = ConnectionStrings.Classify(connection);
        if (engine == DatabaseEngine.PostgreSql)
            return new CantusDatabase(engine, ConnectionStrings.ToNpgsql(connection), null, options);
        var sqlite = ConnectionStrings.ToSqlite(connection, options.BusyTimeout, out var file);
        return new CantusDatabase(engine, sqlite, file, options);
    }

    /// <summary>The engine and the provider's connection string that <paramref name="connection"/> names (as <see cref="Open"/> reads it), for components that open their own connections (the job scheduler).</summary>
    public static (DatabaseEngine Engine, string ConnectionString) Resolve(string connection, StoreOptions? options = null)
    {
        options ??= new StoreOptions();
        var engine = ConnectionStrings.Classify(connection);
        return engine == DatabaseEngine.PostgreSql
            ? (engine, ConnectionStrings.ToNpgsql(connection))
            : (engine, ConnectionStrings.ToSqlite(connection, options.BusyTimeout, out _));
    }

    /// <summary>Opens the embedded database: <c>cantus.db</c> in <paramref name="dataDirectory"/>.</summary>
    public static CantusDatabase OpenDataDirectory(string dataDirectory, StoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return Open(Path.Combine(Path.GetFullPath(dataDirectory), DefaultFileName), options);
    }

    /// <summary>Which engine this is.</summary>
    public DatabaseEngine Engine { get; }

    /// <summary>The settings the database was opened with.</summary>
    public StoreOptions Options { get; }

    /// <summary>The full path of the SQLite file, or null on PostgreSQL.</summary>
    public string? SqliteFile { get; }

    /// <summary>What and where the database is, without secrets (for logs and health reports).</summary>
    public string Description { get; }

    internal SqlDialect Dialect { get; }

    /// <summary>The store's clock, truncated to microseconds (what PostgreSQL keeps), in UTC.</summary>
    internal DateTimeOffset Now()
    {
        var ticks = Options.Time.GetUtcNow().UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }

    /// <summary>
    /// An open connection; the caller disposes it. On SQLite it runs with
    /// <c>journal_mode=WAL</c>, <c>synchronous=FULL</c>, <c>foreign_keys=ON</c> and the busy timeout.
    /// </summary>
    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (dataSource is not null) return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // The folder and WAL are properties of the file: settle them on the first connection that succeeds.
        var first = !prepared;
        if (first) Directory.CreateDirectory(Path.GetDirectoryName(SqliteFile)!);
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            var busy = (long)Options.BusyTimeout.TotalMilliseconds;
            var wal = first ? "PRAGMA journal_mode=WAL;" : "";
            command.CommandText = $"PRAGMA busy_timeout={busy};{wal}PRAGMA synchronous=FULL;PRAGMA foreign_keys=ON;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            prepared = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Begins a unit of work that several repository calls share (pass its
    /// <see cref="StoreTransaction.Transaction"/>); on SQLite it begins IMMEDIATE (holds the write lock).
    /// </summary>
    public async Task<StoreTransaction> BeginAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new StoreTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes pooled connections (SQLite's pool for this file, or the PostgreSQL data source).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (dataSource is not null) dataSource.Dispose();
        else
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (dataSource is not null && !disposed)
        {
            disposed = true;
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
        else Dispose();
    }
}
