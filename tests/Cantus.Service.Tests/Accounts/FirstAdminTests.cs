using Cantus.Service.Accounts;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Tests.Storage;
using Dapper;

namespace Cantus.Service.Tests.Accounts;

/// <summary>
/// Several public web nodes starting at once on an empty database each try to create the first
/// administrator: exactly one does (and gets the password to print), the others do nothing and
/// learn no password; the same when the user 'admin' exists but is disabled.
/// </summary>
public abstract class FirstAdminTests(StoreFixture fixture)
{
    private const int Nodes = 6;

    /// <summary><see cref="Nodes"/> stores on one new database, each with its own connections, as separate nodes have.</summary>
    private async Task<CantusStore[]> NodesAsync()
    {
        var connection = (await fixture.CreateDatabaseAsync())!;
        await using (await CantusStore.OpenAsync(connection, fixture.Options)) { } // migrated once, as 'cantus admin migrate' would
        var stores = new CantusStore[Nodes];
        for (var i = 0; i < Nodes; i++) stores[i] = await CantusStore.OpenAsync(connection, fixture.Options);
        return stores;
    }

    /// <summary>Every node's <see cref="AccountService.EnsureAdminAsync"/>, released at the same moment.</summary>
    private static async Task<string?[]> EnsureTogetherAsync(CantusStore[] stores)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = stores.Select(async store =>
        {
            await start.Task;
            return await new AccountService(store).EnsureAdminAsync();
        }).ToArray();
        start.SetResult();
        return await Task.WhenAll(attempts);
    }

    private static async Task<long> AdminsAsync(CantusStore store)
    {
        await using var connection = await store.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE is_admin AND NOT disabled AND id <> 'local'");
    }

    [StoreFact]
    public async Task NodesStartingTogetherOnAnEmptyDatabase_CreateTheAdministratorExactlyOnce()
    {
        var stores = await NodesAsync();
        try
        {
            var passwords = await EnsureTogetherAsync(stores);

            var password = Assert.Single(passwords, p => p is not null);
            Assert.Equal(Nodes - 1, passwords.Count(p => p is null));
            Assert.Equal(1, await AdminsAsync(stores[0]));
            var admin = await new AccountService(stores[^1]).SignInAsync("admin", password!);
            Assert.NotNull(admin);
            Assert.True(admin.IsAdmin);
            Assert.Null(await new AccountService(stores[0]).EnsureAdminAsync());
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task TheStoresInsert_ReleasedAtOneMoment_HasOneWinner()
    {
        var stores = await NodesAsync();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = stores.Select(async (store, i) =>
            {
                var admin = new UserRecord { Name = "admin", DisplayName = "Administrator", PasswordHash = $"hash-{i}", IsAdmin = true };
                await start.Task;
                return await store.Users.CreateFirstAdminAsync(admin);
            }).ToArray();
            start.SetResult();
            var won = await Task.WhenAll(attempts);

            var winner = Assert.Single(Enumerable.Range(0, Nodes), i => won[i]);
            Assert.Equal($"hash-{winner}", (await stores[0].Users.FindByNameAsync("admin"))!.PasswordHash);
            Assert.Equal(1, await AdminsAsync(stores[0]));
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task ADisabledAdministrator_IsRestoredExactlyOnce_WithTheOnePasswordPrinted()
    {
        var stores = await NodesAsync();
        try
        {
            var first = await new AccountService(stores[0]).EnsureAdminAsync();
            var admin = (await stores[0].Users.FindByNameAsync("admin"))!;
            await stores[0].Users.UpdateAsync(admin with { Disabled = true });

            var passwords = await EnsureTogetherAsync(stores);

            var password = Assert.Single(passwords, p => p is not null);
            Assert.Equal(1, await AdminsAsync(stores[0]));
            var accounts = new AccountService(stores[1]);
            Assert.NotNull(await accounts.SignInAsync("admin", password!));
            Assert.Null(await accounts.SignInAsync("admin", first!));
            Assert.Equal(admin.Id, (await stores[1].Users.FindByNameAsync("admin"))!.Id);
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task AnotherActiveAdministrator_MeansNothingIsCreated()
    {
        var stores = await NodesAsync();
        try
        {
            await stores[0].Users.CreateAsync(new UserRecord { Name = "root", DisplayName = "Root", PasswordHash = PasswordHasher.Hash("a long password"), IsAdmin = true });
            Assert.All(await EnsureTogetherAsync(stores), Assert.Null);
            Assert.Null(await stores[0].Users.FindByNameAsync("admin"));
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : FirstAdminTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : FirstAdminTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
