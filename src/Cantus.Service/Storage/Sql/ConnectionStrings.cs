using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cantus.Service.Storage.Sql;

/// <summary>
/// Reads the one connection setting Cantus takes (<c>--db</c>): a PostgreSQL URI or keyword
/// string, or a SQLite file path or <c>Data Source=</c> string.
/// </summary>
internal static class ConnectionStrings
{
    private static readonly string[] PostgresSchemes = ["postgres://", "postgresql://"];

    /// <summary>
    /// PostgreSQL for <c>postgres://</c>, <c>postgresql://</c> or a keyword string with
    /// <c>Host=</c>; SQLite for anything else.
    /// </summary>
    public static DatabaseEngine Classify(string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        var text = connection.Trim();
        return PostgresSchemes.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase))
            || text.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? DatabaseEngine.PostgreSql
            : DatabaseEngine.Sqlite;
    }

    /// <summary>An Npgsql keyword string for a PostgreSQL URI or keyword string (validated by Npgsql).</summary>
    public static string ToNpgsql(string connection)
    {
        var text = connection.Trim();
        try
        {
            return PostgresSchemes.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase))
                ? PostgresUri.ToKeywords(text)
                : new NpgsqlConnectionStringBuilder(text).ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {ex.Message}", nameof(connection), ex);
        }
    }

    /// <summary>
    /// A Microsoft.Data.Sqlite connection string for a file path or a <c>Data Source=</c> string,
    /// and the full path of the database file. In-memory databases are refused: they vanish
    /// with their last connection, and blobs need a folder.
    /// </summary>
    public static string ToSqlite(string connection, TimeSpan busyTimeout, out string file)
    {
        var text = connection.Trim();
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = LooksLikeKeywords(text) ? new SqliteConnectionStringBuilder(text) : new SqliteConnectionStringBuilder { DataSource = text };
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The SQLite connection string is not valid: {ex.Message}", nameof(connection), ex);
        }
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrWhiteSpace(builder.DataSource)
            || builder.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("Cantus keeps its data in a SQLite file: give a file path, not an in-memory database.", nameof(connection));
        if (builder.Mode == SqliteOpenMode.ReadOnly)
            throw new ArgumentException("Cantus needs to write to its SQLite database: Mode=ReadOnly is not supported.", nameof(connection));
        file = Path.GetFullPath(builder.DataSource);
        builder.DataSource = file;
        // Microsoft.Data.Sqlite retries a busy database for the command timeout (seconds) on top of busy_timeout.
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds));
        return builder.ConnectionString;
    }

    /// <summary>A SQLite setting is a connection string when it starts with a key the provider knows, else it is a path.</summary>
    private static bool LooksLikeKeywords(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) return false;
        var key = text[..equals].Trim().Replace(" ", "", StringComparison.Ordinal);
        return key.ToUpperInvariant() is "DATASOURCE" or "FILENAME" or "MODE" or "CACHE" or "PASSWORD" or "POOLING" or "DEFAULTTIMEOUT" or "FOREIGNKEYS" or "RECURSIVETRIGGERS";
    }

    /// <summary>The description of a database without secrets, for logs and health checks.</summary>
    public static string Describe(DatabaseEngine engine, string normalized)
    {
        if (engine == DatabaseEngine.Sqlite) return "SQLite " + new SqliteConnectionStringBuilder(normalized).DataSource;
        var builder = new NpgsqlConnectionStringBuilder(normalized);
        var port = builder.Port == NpgsqlConnection.DefaultPort ? "" : ":" + builder.Port.ToString(CultureInfo.InvariantCulture);
        return $"PostgreSQL {builder.Host}{port}/{builder.Database ?? builder.Username}";
    }
}
