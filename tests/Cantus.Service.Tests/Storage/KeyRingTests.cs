using Cantus.Service.Storage;

namespace Cantus.Service.Tests.Storage;

/// <summary>The web nodes' key ring in the store: elements read back in the order they were added; the lock excludes other holders on PostgreSQL.</summary>
public abstract class KeyRingTests(StoreFixture fixture)
{
    [StoreFact]
    public async Task ElementsReadBackInOrder()
    {
        await using var store = await CantusStore.OpenAsync((await fixture.CreateDatabaseAsync())!, fixture.Options);
        Assert.Empty(await store.KeyRing.ListAsync());
        await store.KeyRing.AddAsync("key-b", "<key id=\"b\" />");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await store.KeyRing.AddAsync("key-a", "<key id=\"a\" />");
        await store.KeyRing.AddAsync("key-a", "<revocation />"); // a name may repeat

        var elements = await store.KeyRing.ListAsync();
        Assert.Equal(["key-b", "key-a", "key-a"], elements.Select(e => e.Name));
        Assert.Equal(["<key id=\"b\" />", "<key id=\"a\" />", "<revocation />"], elements.Select(e => e.Xml));
        Assert.True(elements[0].Id < elements[1].Id && elements[1].Id < elements[2].Id);
        Assert.True(elements[1].CreatedAt > elements[0].CreatedAt);
    }

    [StoreFact]
    public async Task TheLock_IsHeldUntilReleased()
    {
        var connection = (await fixture.CreateDatabaseAsync())!;
        await using var first = await CantusStore.OpenAsync(connection, fixture.Options);
        await using var second = await CantusStore.OpenAsync(connection, fixture.Options);
        var held = await first.KeyRing.LockAsync();
        var waiting = second.KeyRing.LockAsync();
        if (fixture.Engine == DatabaseEngine.PostgreSql)
        {
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted, "a second holder got the key ring's lock while the first held it");
        }
        await first.KeyRing.AddAsync("key-x", "<key />"); // the holder's node adds its key on another connection meanwhile
        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
        Assert.Single(await second.KeyRing.ListAsync());
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : KeyRingTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : KeyRingTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
