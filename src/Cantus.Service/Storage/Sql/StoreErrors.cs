using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cantus.Service.Storage.Sql;

/// <summary>Recognises constraint violations of either engine, so repositories can turn them into store exceptions.</summary>
internal static class StoreErrors
{
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>A UNIQUE or PRIMARY KEY constraint refused the statement.</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        SqliteException e => e.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException e => e.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>A FOREIGN KEY constraint refused the statement (a missing parent, or a parent still referenced).</summary>
    public static bool IsForeignKeyViolation(DbException exception) => exception switch
    {
        SqliteException e => e.SqliteExtendedErrorCode == SqliteConstraintForeignKey,
        PostgresException e => e.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };
}
