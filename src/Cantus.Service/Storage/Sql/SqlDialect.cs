namespace Cantus.Service.Storage.Sql;

/// <summary>The few places where the store's SQL differs between SQLite and PostgreSQL.</summary>
internal sealed class SqlDialect
{
    /// <summary>The key of the PostgreSQL advisory lock that serialises concurrent migrators ("Cantus" + 1).</summary>
    internal const long MigrationLockKey = 0x43616E7475730001;

    /// <summary>The key of the advisory lock under which the first administrator is made ("Cantus" + 2).</summary>
    internal const long FirstAdminLockKey = 0x43616E7475730002;

    /// <summary>The key of the advisory lock under which a web node makes the key ring's first key ("Cantus" + 3).</summary>
    internal const long KeyRingLockKey = 0x43616E7475730003;

    /// <summary>The key of the PostgreSQL advisory lock that lets one node at a time collect blobs ("Cantus" + 4).</summary>
    internal const long MaintenanceLockKey = 0x43616E7475730004;

    private SqlDialect(DatabaseEngine engine) => Engine = engine;

    public static SqlDialect Sqlite { get; } = new(DatabaseEngine.Sqlite);

    public static SqlDialect PostgreSql { get; } = new(DatabaseEngine.PostgreSql);

    public DatabaseEngine Engine { get; }

    /// <summary>
    /// Appended to a SELECT that reads a row the same transaction then changes: a row lock on
    /// PostgreSQL; nothing on SQLite, whose write transactions begin IMMEDIATE and so already
    /// exclude every other writer.
    /// </summary>
    public string ForUpdate => Engine == DatabaseEngine.PostgreSql ? " FOR UPDATE" : "";

    /// <summary>
    /// The statement that serialises migrators, run first in each migration's transaction:
    /// a transaction-scoped advisory lock on PostgreSQL; none on SQLite (BEGIN IMMEDIATE).
    /// </summary>
    public string? MigrationLock =>
        Engine == DatabaseEngine.PostgreSql ? $"SELECT pg_advisory_xact_lock({MigrationLockKey})" : null;

    /// <summary>
    /// The statement that serialises the transactions taking the lock <paramref name="key"/> across
    /// processes: a transaction-scoped advisory lock on PostgreSQL; none on SQLite, whose write
    /// transactions begin IMMEDIATE and so already exclude each other.
    /// </summary>
    public string? TransactionLock(long key) =>
        Engine == DatabaseEngine.PostgreSql ? $"SELECT pg_advisory_xact_lock({key})" : null;

    /// <summary>The SQL type of a timestamp column (for the schema_version table the migrator creates).</summary>
    public string TimestampType => Engine == DatabaseEngine.PostgreSql ? "TIMESTAMPTZ" : "TEXT";
}
