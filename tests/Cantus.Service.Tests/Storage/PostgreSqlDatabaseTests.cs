using Cantus.Service.Storage;
using Dapper;
using Npgsql;

namespace Cantus.Service.Tests.Storage;

/// <summary>What only the scale-out setup has: a URI setting, and blob bytes inside the database.</summary>
public sealed class PostgreSqlDatabaseTests(PostgreSqlStoreFixture fixture) : IClassFixture<PostgreSqlStoreFixture>
{
    [PostgreSqlFact]
    public async Task AUriSettingReachesTheServer()
    {
        var keywords = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgreSqlStoreFixture.Variable));
        var database = (await fixture.CreateDatabaseAsync())!;
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        var password = keywords.Password is { } p ? ":" + Uri.EscapeDataString(p) : "";
        var uri = $"postgres://{Uri.EscapeDataString(keywords.Username ?? "postgres")}{password}@{keywords.Host}:{keywords.Port}/{name}";
        await using var store = await CantusStore.OpenAsync(uri, fixture.Options);
        Assert.Equal(DatabaseEngine.PostgreSql, store.Database.Engine);
        Assert.Null(store.Database.SqliteFile);
        Assert.Equal(Enumerable.Range(1, new Cantus.Service.Storage.Migrations.Migrator(store.Database).LatestVersion), store.Migrated.Select(m => m.Version));
        Assert.StartsWith("PostgreSQL ", store.Database.Description, StringComparison.Ordinal);
    }

    [PostgreSqlFact]
    public async Task BlobBytesLiveInTheDatabase()
    {
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(150_000);
        var blob = await fixture.Store.Blobs.PutAsync(new MemoryStream(bytes));
        await using var connection = await fixture.Store.Database.OpenConnectionAsync();
        var stored = await connection.ExecuteScalarAsync<byte[]>("SELECT data FROM blobs WHERE sha256 = @Sha256", blob);
        Assert.Equal(bytes, stored);
        Assert.Equal(blob.Length, await connection.ExecuteScalarAsync<long>("SELECT length FROM blobs WHERE sha256 = @Sha256", blob));
    }
}
