using Cantus.Service.Storage;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Tests.Storage;

public abstract class EvaluationTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    private static EvaluationRecord Of(string ownerId, string modelId, string? datasetId = null) => new()
    {
        OwnerId = ownerId, ModelId = modelId, DatasetId = datasetId, DatasetName = "jsb-chorales", Split = "valid",
        Options = """{"samples": 64}""", Report = """{"similarity": 0.916}""",
    };

    [StoreFact]
    public async Task CreateGetListDelete()
    {
        var owner = await Store.NewUserAsync();
        var own = await Store.NewModelAsync(owner);
        var sample = await Store.NewSampleModelAsync();
        var dataset = await Store.NewDatasetAsync(owner);
        var first = await Store.Evaluations.CreateAsync(Of(owner, own.Id, dataset.Id));
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await Store.Evaluations.CreateAsync(Of(owner, sample.Id));

        Assert.Equal(first, await Store.Evaluations.GetAsync(owner, first.Id));
        Assert.Equal([second, first], await Store.Evaluations.ListAsync(owner));
        Assert.Equal([first], await Store.Evaluations.ListAsync(owner, own.Id));
        Assert.Equal([second], await Store.Evaluations.ListAsync(owner, sample.Id, new Page(0, 10)));

        Assert.True(await Store.Evaluations.DeleteAsync(owner, second.Id));
        Assert.False(await Store.Evaluations.DeleteAsync(owner, second.Id));
        Assert.Null(await Store.Evaluations.GetAsync(owner, second.Id));

        Assert.True(await Store.Datasets.DeleteAsync(owner, dataset.Id));
        var kept = (await Store.Evaluations.GetAsync(owner, first.Id))!;
        Assert.Null(kept.DatasetId);
        Assert.Equal("jsb-chorales", kept.DatasetName);
    }

    [StoreFact]
    public async Task AnotherUsersEvaluationsAndModelsAreMissing()
    {
        var owner = await Store.NewUserAsync();
        var stranger = await Store.NewUserAsync();
        var model = await Store.NewModelAsync(owner);
        var evaluation = await Store.Evaluations.CreateAsync(Of(owner, model.Id));

        Assert.Null(await Store.Evaluations.GetAsync(stranger, evaluation.Id));
        Assert.Empty(await Store.Evaluations.ListAsync(stranger));
        Assert.Empty(await Store.Evaluations.ListAsync(stranger, model.Id));
        Assert.False(await Store.Evaluations.DeleteAsync(stranger, evaluation.Id));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.Evaluations.CreateAsync(Of(stranger, model.Id)));
        var dataset = await Store.NewDatasetAsync(owner);
        var strangersModel = await Store.NewModelAsync(stranger);
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.Evaluations.CreateAsync(Of(stranger, strangersModel.Id, dataset.Id)));
        Assert.Equal(evaluation, await Store.Evaluations.GetAsync(owner, evaluation.Id));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : EvaluationTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : EvaluationTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
