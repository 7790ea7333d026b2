using Npgsql;

namespace Cantus.Service.Storage.Sql;

/// <summary>
/// Converts a libpq-style URI (<c>postgres://user:password@host:port/database?sslmode=require</c>,
/// several hosts separated by commas) into an Npgsql keyword string.
/// </summary>
internal static class PostgresUri
{
    /// <summary>libpq query parameters whose Npgsql keyword differs; any other is passed to Npgsql as a keyword.</summary>
    private static readonly Dictionary<string, string> QueryKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["user"] = "Username",
        ["dbname"] = "Database",
        ["host"] = "Host",
        ["port"] = "Port",
    };

    public static string ToKeywords(string uri)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var builder = new NpgsqlConnectionStringBuilder();

        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var query = question >= 0 ? rest[(question + 1)..] : "";
        if (question >= 0) rest = rest[..question];

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? Uri.UnescapeDataString(rest[(slash + 1)..]) : "";
        if (database.Length > 0) builder.Database = database;

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }
        if (authority.Length > 0) SetHost(builder, Uri.UnescapeDataString(authority));

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals >= 0 ? pair[..equals] : pair);
            var value = equals >= 0 ? Uri.UnescapeDataString(pair[(equals + 1)..]) : "";
            builder[QueryKeywords.GetValueOrDefault(key, key)] = value;
        }
        return builder.ConnectionString;
    }

    /// <summary>One <c>host[:port]</c> (IPv6 in brackets) becomes Host and Port; a comma-separated list is Npgsql's multi-host Host.</summary>
    private static void SetHost(NpgsqlConnectionStringBuilder builder, string authority)
    {
        if (authority.Contains(',', StringComparison.Ordinal))
        {
            builder.Host = authority;
            return;
        }
        var hostEnd = authority.StartsWith('[') ? authority.IndexOf(']', StringComparison.Ordinal) + 1 : 0;
        var colon = authority.IndexOf(':', hostEnd);
        var host = colon >= 0 ? authority[..colon] : authority;
        builder.Host = host.Trim('[', ']');
        if (colon >= 0) builder.Port = int.Parse(authority[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
