using Cantus.Service.Storage;
using Cantus.Service.Storage.Library;
using Cantus.Service.Storage.Training;

namespace Cantus.Service.Tests.Storage;

public abstract class ModelTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    [StoreFact]
    public async Task CreateGetFindUpdateDelete()
    {
        var owner = await Store.NewUserAsync();
        var model = await Store.NewModelAsync(owner, "my chorales");
        Assert.False(model.IsSample);
        Assert.Equal(model, await Store.Models.GetAsync(owner, model.Id));
        Assert.Equal(model, await Store.Models.FindByNameAsync(owner, "my chorales"));
        Assert.Contains(model, await Store.Models.ListAsync(owner));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var weights = await Store.Blobs.PutTextAsync("weights " + StoreIds.New());
        var changed = model with { Name = "renamed", Tags = """["baroque"]""", Evaluation = """{"similarity": 0.9}""", WeightsSha256 = weights };
        Assert.True(await Store.Models.UpdateAsync(owner, changed));
        var stored = (await Store.Models.GetAsync(owner, model.Id))!;
        Assert.Equal(changed with { UpdatedAt = stored.UpdatedAt }, stored);
        Assert.True(stored.UpdatedAt > model.UpdatedAt);

        Assert.True(await Store.Models.DeleteAsync(owner, model.Id));
        Assert.Null(await Store.Models.GetAsync(owner, model.Id));
        Assert.False(await Store.Models.DeleteAsync(owner, model.Id));
        Assert.False(await Store.Models.UpdateAsync(owner, changed));
    }

    [StoreFact]
    public async Task SampleModelsAreSharedAndReadOnly()
    {
        var sample = await Store.NewSampleModelAsync();
        Assert.True(sample.IsSample);
        Assert.Null(sample.OwnerId);
        var refreshed = await Store.Models.UpsertSampleAsync(new ModelRecord { Name = sample.Name, SourcePath = "/models/v2", Description = "Retrained" });
        Assert.Equal(sample.Id, refreshed.Id);
        Assert.Equal("Retrained", refreshed.Description);

        var user = await Store.NewUserAsync();
        Assert.Equal(refreshed, await Store.Models.GetAsync(user, sample.Id));
        Assert.Contains(refreshed, await Store.Models.ListAsync(user, new Page(0, Page.MaxLimit)));
        var changing = await Assert.ThrowsAsync<StoreConflictException>(() => Store.Models.UpdateAsync(user, refreshed with { Name = "mine" }));
        Assert.Contains("sample model", changing.Message, StringComparison.Ordinal);
        var deleting = await Assert.ThrowsAsync<StoreConflictException>(() => Store.Models.DeleteAsync(user, sample.Id));
        Assert.Contains("cannot be deleted", deleting.Message, StringComparison.Ordinal);
        Assert.Equal(refreshed, await Store.Models.GetAsync(user, sample.Id));
    }

    [StoreFact]
    public async Task ListsSamplesFirstAndFindsTheOwnersModelBeforeASampleOfTheSameName()
    {
        var sample = await Store.NewSampleModelAsync();
        var owner = await Store.NewUserAsync();
        var own = await Store.NewModelAsync(owner, sample.Name);
        Assert.Equal(own, await Store.Models.FindByNameAsync(owner, sample.Name));
        Assert.Equal(sample, await Store.Models.FindByNameAsync(await Store.NewUserAsync(), sample.Name));

        var list = await Store.Models.ListAsync(owner, new Page(0, Page.MaxLimit));
        Assert.Equal(own, list[^1]);
        Assert.All(list.SkipLast(1), m => Assert.True(m.IsSample));
    }

    [StoreFact]
    public async Task AnotherUsersModelIsMissing()
    {
        var owner = await Store.NewUserAsync();
        var stranger = await Store.NewUserAsync();
        var model = await Store.NewModelAsync(owner);

        Assert.Null(await Store.Models.GetAsync(stranger, model.Id));
        Assert.Null(await Store.Models.FindByNameAsync(stranger, model.Name));
        Assert.DoesNotContain(await Store.Models.ListAsync(stranger, new Page(0, Page.MaxLimit)), m => m.Id == model.Id);
        Assert.False(await Store.Models.UpdateAsync(stranger, model with { Name = "stolen" }));
        Assert.False(await Store.Models.DeleteAsync(stranger, model.Id));
        Assert.Equal(model, await Store.Models.GetAsync(owner, model.Id));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.NewModelAsync(stranger, parentId: model.Id));
    }

    [StoreFact]
    public async Task NamesAreUniquePerOwner()
    {
        var owner = await Store.NewUserAsync();
        var model = await Store.NewModelAsync(owner, "twin");
        var refused = await Assert.ThrowsAsync<StoreConflictException>(() => Store.NewModelAsync(owner, "twin"));
        Assert.Contains("\"twin\"", refused.Message, StringComparison.Ordinal);
        var other = await Store.NewModelAsync(owner, "other");
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.Models.UpdateAsync(owner, other with { Name = "twin" }));
        Assert.Equal("twin", (await Store.NewModelAsync(await Store.NewUserAsync(), "twin")).Name);
        Assert.Equal(model, await Store.Models.GetAsync(owner, model.Id));
    }

    [StoreFact]
    public async Task ClonesRememberTheirParentUntilItIsDeleted()
    {
        var owner = await Store.NewUserAsync();
        var sample = await Store.NewSampleModelAsync();
        var clone = await Store.NewModelAsync(owner, parentId: sample.Id);
        Assert.Equal(sample.Id, clone.ParentId);
        var grandchild = await Store.NewModelAsync(owner, parentId: clone.Id);
        Assert.True(await Store.Models.DeleteAsync(owner, clone.Id));
        Assert.Null((await Store.Models.GetAsync(owner, grandchild.Id))!.ParentId);
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.NewModelAsync(owner, parentId: StoreIds.New()));
    }

    [StoreFact]
    public async Task AModelInUseIsNotDeleted()
    {
        var owner = await Store.NewUserAsync();
        var model = await Store.NewModelAsync(owner, "busy");
        var melody = await Store.NewMelodyAsync(owner);
        var composition = await Store.NewCompositionAsync(owner, melody.Id, model.Id);
        var used = await Assert.ThrowsAsync<StoreConflictException>(() => Store.Models.DeleteAsync(owner, model.Id));
        Assert.Equal("Model \"busy\" is used by 1 composition.", used.Message);
        await Store.Compositions.DeleteAsync(owner, composition.Id);

        var job = await Store.NewJobAsync(owner, baseModelId: model.Id);
        var based = await Assert.ThrowsAsync<StoreConflictException>(() => Store.Models.DeleteAsync(owner, model.Id));
        Assert.Equal("Model \"busy\" is the base of 1 queued or running training job.", based.Message);
        await Store.TrainingJobs.RequestCancelAsync(owner, job.Id);

        await Store.Evaluations.CreateAsync(new EvaluationRecord { ModelId = model.Id, OwnerId = owner, DatasetName = "jsb", Split = "valid" });
        Assert.True(await Store.Models.DeleteAsync(owner, model.Id));
        Assert.Empty(await Store.Evaluations.ListAsync(owner, model.Id));
        Assert.Null((await Store.TrainingJobs.GetAsync(owner, job.Id))!.BaseModelId);
        Assert.Equal(TrainingJobState.Canceled, (await Store.TrainingJobs.GetAsync(owner, job.Id))!.State);
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : ModelTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : ModelTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
