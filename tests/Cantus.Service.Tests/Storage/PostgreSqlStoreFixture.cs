using Cantus.Service.Storage;
using Npgsql;

namespace Cantus.Service.Tests.Storage;

/// <summary>
/// PostgreSQL databases with random names on the server that <c>CANTUS_TEST_POSTGRES</c> names
/// (an Npgsql keyword string; its user may CREATE DATABASE), dropped at the end.
/// </summary>
public sealed class PostgreSqlStoreFixture : StoreFixture
{
    public const string Variable = "CANTUS_TEST_POSTGRES";

    private readonly List<string> created = [];

    /// <summary>Why PostgreSQL tests are skipped, or null when a server is configured.</summary>
    public static string? SkipReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable))
            ? $"set {Variable} to an Npgsql connection string of a PostgreSQL server where the user may CREATE DATABASE (.ci/run starts one)"
            : null;

    public override DatabaseEngine Engine => DatabaseEngine.PostgreSql;

    public override async Task<string?> CreateDatabaseAsync()
    {
        if (SkipReason is not null) return null;
        var name = "cantus_test_" + StoreIds.New();
        await using (var admin = await OpenAdminAsync())
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
            await command.ExecuteNonQueryAsync();
        lock (created) created.Add(name);
        return new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable)) { Database = name }.ConnectionString;
    }

    protected override async Task RemoveDatabasesAsync()
    {
        if (SkipReason is not null) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAdminAsync();
        foreach (var name in created)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable)) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
