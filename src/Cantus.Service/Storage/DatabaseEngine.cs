namespace Cantus.Service.Storage;

/// <summary>The database engine behind a <see cref="CantusDatabase"/>.</summary>
public enum DatabaseEngine
{
    /// <summary>An embedded SQLite file (the default: <c>cantus.db</c> in the data directory).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (scale-out: many web nodes and workers share it).</summary>
    PostgreSql,
}
