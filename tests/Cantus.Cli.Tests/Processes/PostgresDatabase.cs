using Npgsql;

namespace Cantus.Cli.Tests.Processes;

/// <summary>A fresh database on the PostgreSQL server that <c>CANTUS_TEST_POSTGRES</c> names (.ci/run starts one), dropped at the end.</summary>
internal sealed class PostgresDatabase : IDisposable
{
    public const string Variable = "CANTUS_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name = "cantus_proc_" + Guid.NewGuid().ToString("N")[..12];

    public PostgresDatabase()
    {
        _server = Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {_name}";
        command.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
