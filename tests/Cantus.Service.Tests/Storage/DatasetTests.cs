using Cantus.Service.Storage;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Tests.Storage;

public abstract class DatasetTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    [StoreFact]
    public async Task CreateGetFindUpdateDelete()
    {
        var owner = await Store.NewUserAsync();
        var dataset = await Store.NewDatasetAsync(owner);
        Assert.Equal(dataset, await Store.Datasets.GetAsync(owner, dataset.Id));
        Assert.Equal(dataset, await Store.Datasets.FindByNameAsync(owner, dataset.Name));
        Assert.Contains(dataset, await Store.Datasets.ListAsync(owner));

        var archive = await Store.Blobs.PutTextAsync("zip " + StoreIds.New());
        var changed = dataset with { Name = "pop909", State = DatasetStates.Importing, Pieces = 909, ArchiveSha256 = archive, Tags = """["pop", "piano"]""" };
        Assert.True(await Store.Datasets.UpdateAsync(owner, changed));
        Assert.Equal(changed, await Store.Datasets.GetAsync(owner, dataset.Id));

        Assert.True(await Store.Datasets.DeleteAsync(owner, dataset.Id));
        Assert.Null(await Store.Datasets.GetAsync(owner, dataset.Id));
        Assert.False(await Store.Datasets.DeleteAsync(owner, dataset.Id));
        Assert.False(await Store.Datasets.UpdateAsync(owner, changed));
    }

    [StoreFact]
    public async Task BuiltInDatasetsAreSharedAndChangeOnlyByUpsert()
    {
        var name = "jsb-" + StoreIds.New();
        var missing = await Store.Datasets.UpsertBuiltInAsync(new DatasetRecord { Name = name, Kind = DatasetKinds.JsbChorales, State = DatasetStates.Missing });
        var available = await Store.Datasets.UpsertBuiltInAsync(missing with { Id = "", State = DatasetStates.Available, Pieces = 382 });
        Assert.Equal(missing.Id, available.Id);
        Assert.Equal((DatasetStates.Available, 382), (available.State, available.Pieces));

        var user = await Store.NewUserAsync();
        Assert.Equal(available, await Store.Datasets.GetAsync(user, available.Id));
        Assert.Equal(available, await Store.Datasets.FindByNameAsync(user, name));
        var list = await Store.Datasets.ListAsync(user, new Page(0, Page.MaxLimit));
        Assert.Contains(available, list);
        Assert.All(list, d => Assert.Null(d.OwnerId));

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.Datasets.UpdateAsync(user, available with { Pieces = 1 }));
        var deleting = await Assert.ThrowsAsync<StoreConflictException>(() => Store.Datasets.DeleteAsync(user, available.Id));
        Assert.Contains("built in", deleting.Message, StringComparison.Ordinal);

        var own = await Store.Datasets.CreateAsync(new DatasetRecord { OwnerId = user, Name = name, Kind = DatasetKinds.MidiZip, State = DatasetStates.Available });
        Assert.Equal(own, await Store.Datasets.FindByNameAsync(user, name));
        Assert.Equal(own, (await Store.Datasets.ListAsync(user, new Page(0, Page.MaxLimit)))[^1]);
    }

    [StoreFact]
    public async Task ABuiltInDatasetsArchive_IsKeptWhenItsRowIsRefreshedWithoutOne()
    {
        var name = "lab-" + StoreIds.New();
        var archive = await Store.Blobs.PutTextAsync("zip " + StoreIds.New());
        var stored = await Store.Datasets.UpsertBuiltInAsync(new DatasetRecord { Name = name, Kind = DatasetKinds.LabSnippets, State = DatasetStates.Available, Pieces = 229, ArchiveSha256 = archive });
        Assert.Equal((null, archive), (stored.OwnerId, stored.ArchiveSha256));
        var refreshed = await Store.Datasets.UpsertBuiltInAsync(new DatasetRecord { Name = name, Kind = DatasetKinds.LabSnippets, State = DatasetStates.Available, Pieces = 229 });
        Assert.Equal(stored, refreshed);
        Assert.Equal(stored, await Store.Datasets.FindBuiltInAsync(name));
        var user = await Store.NewUserAsync();
        Assert.Equal(stored, await Store.Datasets.FindByNameAsync(user, name));

        var newer = await Store.Blobs.PutTextAsync("zip " + StoreIds.New());
        Assert.Equal(newer, (await Store.Datasets.UpsertBuiltInAsync(stored with { Id = "", ArchiveSha256 = newer })).ArchiveSha256);
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.Datasets.UpsertBuiltInAsync(stored with { Id = "", ArchiveSha256 = new string('b', 64) }));
        Assert.Equal(newer, (await Store.Datasets.FindBuiltInAsync(name))!.ArchiveSha256);
        Assert.Null(await Store.Datasets.FindBuiltInAsync("no-" + StoreIds.New()));
        await Store.Datasets.CreateAsync(new DatasetRecord { OwnerId = user, Name = "mine-" + name, Kind = DatasetKinds.MidiZip, State = DatasetStates.Available });
        Assert.Null(await Store.Datasets.FindBuiltInAsync("mine-" + name));
    }

    [StoreFact]
    public async Task AnotherUsersDatasetIsMissing()
    {
        var owner = await Store.NewUserAsync();
        var stranger = await Store.NewUserAsync();
        var dataset = await Store.NewDatasetAsync(owner);

        Assert.Null(await Store.Datasets.GetAsync(stranger, dataset.Id));
        Assert.Null(await Store.Datasets.FindByNameAsync(stranger, dataset.Name));
        Assert.DoesNotContain(await Store.Datasets.ListAsync(stranger, new Page(0, Page.MaxLimit)), d => d.Id == dataset.Id);
        Assert.False(await Store.Datasets.UpdateAsync(stranger, dataset with { Pieces = 0 }));
        Assert.False(await Store.Datasets.DeleteAsync(stranger, dataset.Id));
        Assert.Equal(dataset, await Store.Datasets.GetAsync(owner, dataset.Id));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.NewJobAsync(stranger, dataset.Id));
    }

    [StoreFact]
    public async Task ADatasetAQueuedJobUsesIsNotDeleted()
    {
        var owner = await Store.NewUserAsync();
        var dataset = await Store.NewDatasetAsync(owner);
        var job = await Store.NewJobAsync(owner, dataset.Id);
        var refused = await Assert.ThrowsAsync<StoreConflictException>(() => Store.Datasets.DeleteAsync(owner, dataset.Id));
        Assert.Equal($"Dataset \"{dataset.Name}\" is used by 1 queued or running training job.", refused.Message);

        await Store.TrainingJobs.RequestCancelAsync(owner, job.Id);
        Assert.True(await Store.Datasets.DeleteAsync(owner, dataset.Id));
        Assert.Null((await Store.TrainingJobs.GetAsync(owner, job.Id))!.DatasetId);
    }

    [StoreFact]
    public async Task BadValuesAndTakenNamesAreRefused()
    {
        var owner = await Store.NewUserAsync();
        var dataset = await Store.NewDatasetAsync(owner);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Datasets.CreateAsync(dataset with { Id = "", Name = "x", Kind = "tarball" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Datasets.CreateAsync(dataset with { Id = "", Name = "y", State = "lost" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Datasets.CreateAsync(dataset with { Id = "", Name = "z", OwnerId = null }));
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.Datasets.CreateAsync(dataset with { Id = "" }));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.Datasets.CreateAsync(dataset with { Id = "", Name = "w", ArchiveSha256 = new string('a', 64) }));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : DatasetTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : DatasetTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
