using Cantus.Service.Storage;
using Cantus.Service.Storage.Blobs;

namespace Cantus.Service.Tests.Storage;

/// <summary>
/// Garbage collection of blobs against puts, on both engines. Each test has a database and a clock
/// of its own, so that what a collection deletes can be counted exactly.
/// </summary>
public abstract class BlobCollectionTests(StoreFixture fixture)
{
    private static readonly TimeSpan PastTheGracePeriod = TimeSpan.FromHours(2);
    private readonly TestClock clock = new();

    private async Task<CantusStore> NewStoreAsync() =>
        await CantusStore.OpenAsync((await fixture.CreateDatabaseAsync())!, fixture.Options with { Time = clock });

    private static Task<BlobRef> PutAsync(CantusStore store, byte[] bytes) => store.Blobs.PutAsync(new MemoryStream(bytes));

    private static async Task<byte[]?> ReadAsync(CantusStore store, string sha256)
    {
        await using var stream = await store.Blobs.OpenReadAsync(sha256);
        if (stream is null) return null;
        var read = new MemoryStream();
        await stream.CopyToAsync(read);
        return read.ToArray();
    }

    private static byte[] RandomBytes(int length) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);

    [StoreFact]
    public async Task UnreferencedOldBlobsGo_ReferencedAndRecentOnesStay()
    {
        await using var store = await NewStoreAsync();
        var melody = await store.NewMelodyAsync(await store.NewUserAsync());
        var old = await PutAsync(store, RandomBytes(3000));
        clock.Advance(PastTheGracePeriod);
        var recent = await PutAsync(store, RandomBytes(5000));

        Assert.Equal(new BlobSweep(1, 3000), await store.Blobs.CountUnreferencedAsync());
        Assert.True(await store.Blobs.ExistsAsync(old.Sha256)); // counting deletes nothing

        Assert.Equal(new BlobSweep(1, 3000), await store.Blobs.DeleteUnreferencedAsync());
        Assert.False(await store.Blobs.ExistsAsync(old.Sha256));
        Assert.True(await store.Blobs.ExistsAsync(melody.MidiSha256)); // older still, but referenced
        Assert.True(await store.Blobs.ExistsAsync(recent.Sha256));
        Assert.Equal(BlobSweep.None, await store.Blobs.DeleteUnreferencedAsync());
        Assert.Equal(new BlobSweep(1, 5000), await store.Blobs.CountUnreferencedAsync(TimeSpan.Zero));
    }

    [StoreFact]
    public async Task APutOfAStoredBlobMakesItRecentAgain()
    {
        await using var store = await NewStoreAsync();
        var bytes = RandomBytes(4000);
        var blob = await PutAsync(store, bytes);
        clock.Advance(PastTheGracePeriod);
        Assert.Equal(blob, await PutAsync(store, bytes)); // a caller about to refer to it

        Assert.Equal(BlobSweep.None, await store.Blobs.DeleteUnreferencedAsync());
        Assert.Equal(bytes, await ReadAsync(store, blob.Sha256));
    }

    [StoreFact]
    public async Task ABlobDeletedThenPutAgainIsReadable()
    {
        await using var store = await NewStoreAsync();
        var bytes = RandomBytes(70_000);
        var blob = await PutAsync(store, bytes);
        clock.Advance(PastTheGracePeriod);
        Assert.Equal(1, (await store.Blobs.DeleteUnreferencedAsync()).Count);
        Assert.Null(await ReadAsync(store, blob.Sha256));

        Assert.Equal(blob, await PutAsync(store, bytes));
        Assert.True(await store.Blobs.ExistsAsync(blob.Sha256));
        Assert.Equal(bytes, await ReadAsync(store, blob.Sha256));
        Assert.Equal(BlobSweep.None, await store.Blobs.DeleteUnreferencedAsync());
        Assert.Equal(bytes, await ReadAsync(store, blob.Sha256));
    }

    [StoreFact]
    public async Task PutsRacingACollectionNeverLoseTheBlob()
    {
        await using var store = await NewStoreAsync();
        for (var round = 0; round < 20; round++)
        {
            var bytes = RandomBytes(64 * 1024 + round);
            var blob = await PutAsync(store, bytes);
            var bystanders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PutAsync(store, RandomBytes(1000))));
            clock.Advance(PastTheGracePeriod);

            // The put and the collection start together; whichever wins, the put's caller may then refer to the blob.
            using var start = new Barrier(2);
            var put = Task.Run(async () =>
            {
                start.SignalAndWait();
                if (round % 2 == 1) await Task.Yield();
                return await PutAsync(store, bytes);
            });
            var collect = Task.Run(async () =>
            {
                start.SignalAndWait();
                return await store.Blobs.DeleteUnreferencedAsync();
            });
            await Task.WhenAll(put, collect);

            Assert.Equal(blob, put.Result);
            Assert.True(await store.Blobs.ExistsAsync(blob.Sha256), $"round {round}: the blob was put and is gone");
            Assert.Equal(bytes, await ReadAsync(store, blob.Sha256));
            foreach (var b in bystanders) Assert.False(await store.Blobs.ExistsAsync(b.Sha256), $"round {round}: an old unreferenced blob stayed");
            Assert.Equal(BlobSweep.None, await store.Blobs.DeleteUnreferencedAsync());
        }
    }

    [StoreFact]
    public async Task ANegativeAgeIsRefused()
    {
        await using var store = await NewStoreAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.Blobs.DeleteUnreferencedAsync(TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.Blobs.CountUnreferencedAsync(TimeSpan.FromSeconds(-1)));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : BlobCollectionTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : BlobCollectionTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
