using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Storage.Migrations;
using Dapper;

namespace Cantus.Service.Tests.Storage;

public abstract class MigrationTests(StoreFixture fixture)
{
    private async Task<CantusDatabase> EmptyDatabaseAsync() =>
        CantusDatabase.Open((await fixture.CreateDatabaseAsync())!, fixture.Options);

    [StoreFact]
    public async Task AppliesFromEmptyAndIsIdempotent()
    {
        await using var database = await EmptyDatabaseAsync();
        var migrator = new Migrator(database);
        Assert.Equal(0, await migrator.GetVersionAsync());

        var applied = await migrator.ApplyAsync();
        Assert.Equal(Enumerable.Range(1, migrator.LatestVersion), applied.Select(m => m.Version));
        Assert.Equal("initial", applied[0].Name);
        Assert.Equal(migrator.LatestVersion, await migrator.GetVersionAsync());
        Assert.Empty(await migrator.ApplyAsync());
        Assert.Empty(await new Migrator(database).ApplyAsync());

        await using var connection = await database.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version")).ToList();
        Assert.Equal(Enumerable.Range(1, migrator.LatestVersion), rows);
    }

    [StoreFact]
    public async Task MakesTheLocalUser()
    {
        var local = await fixture.Store.Users.GetAsync(UserRepository.LocalUserId);
        Assert.NotNull(local);
        Assert.Equal("local", local.Name);
        Assert.Null(local.PasswordHash);
        Assert.False(local.Disabled);
    }

    [StoreFact]
    public async Task ConcurrentMigratorsApplyEachScriptOnce()
    {
        var connection = (await fixture.CreateDatabaseAsync())!;
        await using var first = CantusDatabase.Open(connection, fixture.Options);
        await using var second = CantusDatabase.Open(connection, fixture.Options);
        var results = await Task.WhenAll(new Migrator(first).ApplyAsync(), new Migrator(second).ApplyAsync());

        var latest = new Migrator(first).LatestVersion;
        Assert.Equal(latest, results.Sum(r => r.Count));
        await using var open = await first.OpenConnectionAsync();
        Assert.Equal(latest, await open.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(1, await open.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE id = 'local'"));
    }

    [StoreFact]
    public async Task RefusesADatabaseNewerThanTheCode()
    {
        await using var database = await EmptyDatabaseAsync();
        await new Migrator(database).ApplyAsync();
        await using (var connection = await database.OpenConnectionAsync())
            await connection.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', @now)", new { now = DateTimeOffset.UtcNow });

        var refused = await Assert.ThrowsAsync<StoreSchemaException>(() => new Migrator(database).ApplyAsync());
        Assert.Contains("schema version 999", refused.Message, StringComparison.Ordinal);
        Assert.Contains("newer", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreSchemaException>(() => new Migrator(database).GetVersionAsync());
    }

    [StoreFact]
    public async Task OpenAsyncMigratesAndReportsWhatItApplied()
    {
        var connection = (await fixture.CreateDatabaseAsync())!;
        await using (var store = await CantusStore.OpenAsync(connection, fixture.Options))
            Assert.Equal(1, store.Migrated[0].Version);
        await using (var again = await CantusStore.OpenAsync(connection, fixture.Options))
            Assert.Empty(again.Migrated);
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : MigrationTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : MigrationTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
