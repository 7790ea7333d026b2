using Cantus.Service.Storage;
using Cantus.Service.Storage.Blobs;
using Dapper;

namespace Cantus.Service.Tests.Storage;

public abstract class BlobStoreTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    private static byte[] RandomBytes(int length) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);

    private async Task<long> RowsAsync(string sha256)
    {
        await using var connection = await Store.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM blobs WHERE sha256 = @sha256", new { sha256 });
    }

    [StoreFact]
    public async Task PutAndReadBack()
    {
        foreach (var length in new[] { 0, 1000, 300_000 })
        {
            var bytes = RandomBytes(length);
            var blob = await Store.Blobs.PutAsync(new MemoryStream(bytes));
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), blob.Sha256);
            Assert.Equal(length, blob.Length);
            Assert.True(await Store.Blobs.ExistsAsync(blob.Sha256));

            await using var stream = (await Store.Blobs.OpenReadAsync(blob.Sha256))!;
            Assert.Equal(length, stream.Length);
            var read = new MemoryStream();
            await stream.CopyToAsync(read);
            Assert.Equal(bytes, read.ToArray());
        }
        var absent = new string('0', 64);
        Assert.False(await Store.Blobs.ExistsAsync(absent));
        Assert.Null(await Store.Blobs.OpenReadAsync(absent));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Blobs.OpenReadAsync("../../etc/passwd"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Blobs.ExistsAsync(absent.ToUpperInvariant().Replace('0', 'A')));
    }

    [StoreFact]
    public async Task TheSameContentTwiceIsOneBlob()
    {
        var bytes = RandomBytes(100_000);
        var first = await Store.Blobs.PutAsync(new MemoryStream(bytes));
        var second = await Store.Blobs.PutAsync(new MemoryStream(bytes));
        Assert.Equal(first, second);
        Assert.Equal(1, await RowsAsync(first.Sha256));
    }

    [StoreFact]
    public async Task OverTheLimitNothingIsKept()
    {
        var bytes = RandomBytes((int)fixture.Options.MaxBlobBytes + 1);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var refused = await Assert.ThrowsAsync<BlobTooLargeException>(() => Store.Blobs.PutAsync(new MemoryStream(bytes)));
        Assert.Equal(fixture.Options.MaxBlobBytes, refused.Limit);
        Assert.Contains(fixture.Options.MaxBlobBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
        Assert.False(await Store.Blobs.ExistsAsync(sha256));
        Assert.Equal(0, await RowsAsync(sha256));

        var small = RandomBytes(2000);
        var byCaller = await Assert.ThrowsAsync<BlobTooLargeException>(() => Store.Blobs.PutAsync(new MemoryStream(small), maxLength: 1999));
        Assert.Equal(1999, byCaller.Limit);
        Assert.Equal(2000, (await Store.Blobs.PutAsync(new MemoryStream(small), maxLength: 2000)).Length);
        await AssertNoLeftoversAsync();
    }

    /// <summary>Nothing half-written remains (only the file store has anything to look at).</summary>
    protected virtual Task AssertNoLeftoversAsync() => Task.CompletedTask;

    [StoreFact]
    public async Task ConcurrentPutsOfTheSameContentStoreItOnce()
    {
        var bytes = RandomBytes(200_000);
        var puts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.Blobs.PutAsync(new MemoryStream(bytes)))));
        Assert.Single(puts.Distinct());
        Assert.Equal(1, await RowsAsync(puts[0].Sha256));
        await using var stream = (await Store.Blobs.OpenReadAsync(puts[0].Sha256))!;
        var read = new MemoryStream();
        await stream.CopyToAsync(read);
        Assert.Equal(bytes, read.ToArray());
        await AssertNoLeftoversAsync();
    }

    [StoreFact]
    public async Task GarbageCollectionDeletesOnlyUnreferencedBlobsPastTheGracePeriod()
    {
        var owner = await Store.NewUserAsync();
        var looseText = "loose " + StoreIds.New();
        var loose = await Store.Blobs.PutTextAsync(looseText);
        var melody = await Store.NewMelodyAsync(owner);
        var composition = await Store.NewCompositionAsync(owner, melody.Id, (await Store.NewModelAsync(owner)).Id);
        var job = await Store.NewJobAsync(owner);
        var fence = await Store.TakeOverAsync(job.Id);
        var checkpoint = (await Store.TrainingRuns.AddCheckpointAsync(job.Id, fence, 1, await Store.Blobs.PutTextAsync("ckpt " + StoreIds.New()))).BlobSha256;

        await Store.Blobs.DeleteUnreferencedAsync();
        Assert.True(await Store.Blobs.ExistsAsync(loose));

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True((await Store.Blobs.DeleteUnreferencedAsync()).Count >= 1);
        Assert.False(await Store.Blobs.ExistsAsync(loose));
        Assert.Null(await Store.Blobs.OpenReadAsync(loose));
        foreach (var kept in new[] { melody.MidiSha256, composition.MidiSha256, checkpoint })
            Assert.True(await Store.Blobs.ExistsAsync(kept));

        Assert.True(await Store.Compositions.DeleteAsync(owner, composition.Id));
        long midiLength;
        await using (var midi = (await Store.Blobs.OpenReadAsync(composition.MidiSha256))!) midiLength = midi.Length;
        Assert.Equal(new BlobSweep(1, midiLength), await Store.Blobs.DeleteUnreferencedAsync(TimeSpan.Zero));
        Assert.False(await Store.Blobs.ExistsAsync(composition.MidiSha256));

        Assert.Equal(loose, await Store.Blobs.PutTextAsync(looseText));
        Assert.Equal(looseText, await Store.Blobs.ReadTextAsync(loose));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : BlobStoreTests(fixture), IClassFixture<SqliteStoreFixture>
    {
        protected override Task AssertNoLeftoversAsync()
        {
            var temporary = Path.Combine(Path.GetDirectoryName(fixture.Store.Database.SqliteFile)!, "blobs", "tmp");
            Assert.True(!Directory.Exists(temporary) || Directory.GetFiles(temporary).Length == 0);
            return Task.CompletedTask;
        }
    }

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : BlobStoreTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
