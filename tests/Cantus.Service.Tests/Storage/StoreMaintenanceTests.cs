using Cantus.Music.IO;
using Cantus.Service.Datasets;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Blobs;
using Cantus.Service.Storage.Library;
using Cantus.Service.Storage.Maintenance;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Storage;

/// <summary>One maintenance pass on both engines: blobs nothing refers to, and the node's dataset cache.</summary>
public abstract class StoreMaintenanceTests(StoreFixture fixture) : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly TestClock clock = new();
    private readonly TempFolder dir = new();

    public void Dispose()
    {
        dir.Dispose();
        GC.SuppressFinalize(this);
    }

    private ServicePaths Paths => new() { DataDirectory = dir["data"] };

    private string Cache => Path.Combine(dir["data"], "cache", "datasets");

    private async Task<CantusStore> NewStoreAsync() =>
        await CantusStore.OpenAsync((await fixture.CreateDatabaseAsync())!, fixture.Options with { Time = clock });

    /// <summary>A cache folder with a file of <paramref name="bytes"/> bytes, last written <paramref name="age"/> ago.</summary>
    private string CacheFolder(string name, TimeSpan age, int bytes)
    {
        var path = Directory.CreateDirectory(Path.Combine(Cache, name)).FullName;
        var file = Path.Combine(path, "piece.mid");
        File.WriteAllBytes(file, new byte[bytes]);
        var written = DateTime.UtcNow - age; // the file system's clock, not the store's
        File.SetLastWriteTimeUtc(file, written);
        Directory.SetLastWriteTimeUtc(path, written);
        return path;
    }

    [StoreFact]
    public async Task APass_CollectsOldUnreferencedBlobs_AndPrunesTheCacheOfArchivesNoDatasetHas()
    {
        await using var store = await NewStoreAsync();
        var owner = await store.NewUserAsync();
        var melody = await store.NewMelodyAsync(owner);
        var archive = await store.Blobs.PutAsync(new MemoryStream(new byte[2048]));
        await store.Datasets.CreateAsync(new DatasetRecord
        {
            OwnerId = owner, Name = "songs", Kind = DatasetKinds.MidiZip, State = DatasetStates.Available, ArchiveSha256 = archive.Sha256,
        });
        var loose = await store.Blobs.PutTextAsync("loose " + StoreIds.New());
        clock.Advance(2 * Hour);
        var fresh = await store.Blobs.PutTextAsync("fresh " + StoreIds.New());
        var inUse = CacheFolder(archive.Sha256, 3 * Hour, 700);
        var gone = CacheFolder(new string('b', 64), 3 * Hour, 3000);
        var recent = CacheFolder(new string('c', 64), TimeSpan.FromMinutes(5), 100);
        var leftOver = CacheFolder(new string('d', 64) + AtomicFile.TempMarker + "1234", 3 * Hour, 50);
        var looseBytes = (await store.Blobs.CountUnreferencedAsync()).Bytes;
        var maintenance = new StoreMaintenance(store, Paths);

        var dry = await maintenance.RunAsync(dryRun: true);
        Assert.Equal(new MaintenanceReport(Hour, true, new BlobSweep(1, looseBytes), new CacheSweep(2, 3050)), dry);
        Assert.StartsWith("would delete 1 blob (", dry.Describe(), StringComparison.Ordinal);
        Assert.True(await store.Blobs.ExistsAsync(loose));
        Assert.True(Directory.Exists(gone) && Directory.Exists(leftOver));

        var done = await maintenance.RunAsync();
        Assert.Equal(dry with { DryRun = false }, done);
        Assert.Equal($"deleted 1 blob ({looseBytes} B) and 2 dataset cache folders (3.0 KiB) unused for over 1h", done.Describe());
        Assert.False(await store.Blobs.ExistsAsync(loose));
        foreach (var kept in new[] { melody.MidiSha256, archive.Sha256, fresh })
            Assert.True(await store.Blobs.ExistsAsync(kept));
        Assert.False(Directory.Exists(gone));
        Assert.False(Directory.Exists(leftOver));
        Assert.True(Directory.Exists(inUse) && Directory.Exists(recent));

        var again = await maintenance.RunAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(new MaintenanceReport(TimeSpan.FromMinutes(1), false, BlobSweep.None, new CacheSweep(1, 100)), again);
        Assert.False(Directory.Exists(recent));
        Assert.True(await store.Blobs.ExistsAsync(fresh));
        await Assert.ThrowsAsync<Cantus.Service.Errors.CantusException>(() => maintenance.RunAsync(TimeSpan.FromSeconds(-1)));
    }

    [StoreFact]
    public async Task APassWithoutACacheFolder_PrunesNothing()
    {
        await using var store = await NewStoreAsync();
        var report = await new StoreMaintenance(store, Paths).RunAsync();
        Assert.Equal(new MaintenanceReport(Hour, false, BlobSweep.None, CacheSweep.None), report);
        Assert.False(Directory.Exists(Cache));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : StoreMaintenanceTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : StoreMaintenanceTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
