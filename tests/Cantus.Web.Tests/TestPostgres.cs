using Npgsql;

namespace Cantus.Web.Tests;

/// <summary>A new database on the PostgreSQL server that <c>CANTUS_TEST_POSTGRES</c> names (.ci/run starts one), dropped at the end.</summary>
public sealed class TestPostgres : IDisposable
{
    public const string Variable = "CANTUS_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name = "cantus_web_" + Guid.NewGuid().ToString("N")[..12];

    public TestPostgres()
    {
        _server = Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");
        Run($"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    /// <summary>Why PostgreSQL tests are skipped, or null when a server is configured.</summary>
    public static string? SkipReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable))
            ? $"needs PostgreSQL: set {Variable} to a connection string of a server where CREATE DATABASE is allowed (.ci/run starts one)"
            : null;

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Run($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private void Run(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
