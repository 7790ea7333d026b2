using Cantus.Service.Storage;
using Cantus.Service.Storage.Library;
using Cantus.Service.Storage.Training;

namespace Cantus.Service.Tests.Storage;

public abstract class TransactionTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    [StoreFact]
    public async Task WritesOfTwoRepositoriesRollBackTogether()
    {
        var owner = await Store.NewUserAsync();
        var dataset = await Store.NewDatasetAsync(owner);
        var midi = await Store.Blobs.PutTextAsync("unit of work " + StoreIds.New());
        MelodyRecord melody;
        TrainingJobRecord job;
        await using (var work = await Store.BeginAsync())
        {
            melody = await Store.Melodies.CreateAsync(new MelodyRecord { OwnerId = owner, Name = "draft", Source = MelodySources.Upload, MidiSha256 = midi }, work.Transaction);
            job = await Store.TrainingJobs.CreateAsync(new TrainingJobRecord { OwnerId = owner, Name = "draft", DatasetId = dataset.Id, Iterations = 10 }, work.Transaction);
            Assert.Equal(melody, await Store.Melodies.GetAsync(owner, melody.Id, work.Transaction));
        }
        Assert.Null(await Store.Melodies.GetAsync(owner, melody.Id));
        Assert.Null(await Store.TrainingJobs.GetAsync(owner, job.Id));

        await using (var work = await Store.BeginAsync())
        {
            melody = await Store.Melodies.CreateAsync(melody with { Id = "" }, work.Transaction);
            job = await Store.TrainingJobs.CreateAsync(job with { Id = "" }, work.Transaction);
            await work.CommitAsync();
        }
        Assert.Equal(melody, await Store.Melodies.GetAsync(owner, melody.Id));
        Assert.Equal(job, await Store.TrainingJobs.GetAsync(owner, job.Id));

        await using (var work = await Store.BeginAsync())
        {
            Assert.True(await Store.Melodies.DeleteAsync(owner, melody.Id, work.Transaction));
            await work.RollbackAsync();
        }
        Assert.NotNull(await Store.Melodies.GetAsync(owner, melody.Id));
    }

    [StoreFact]
    public async Task AResultModelAndTheFencedCompletionCommitTogetherOrNotAtAll()
    {
        var owner = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);
        var stale = await Store.TakeOverAsync(job.Id);
        var fence = await Store.TakeOverAsync(job.Id);
        foreach (var state in new[] { TrainingJobState.Training, TrainingJobState.Evaluating })
            await Store.TrainingRuns.TransitionAsync(job.Id, fence, state);

        ModelRecord orphan;
        await using (var work = await Store.BeginAsync())
        {
            orphan = await Store.NewModelInAsync(owner, work);
            await Assert.ThrowsAsync<FenceLostException>(() => Store.TrainingRuns.CompleteAsync(job.Id, stale, orphan.Id, work.Transaction));
        }
        Assert.Null(await Store.Models.GetAsync(owner, orphan.Id));

        ModelRecord result;
        await using (var work = await Store.BeginAsync())
        {
            result = await Store.NewModelInAsync(owner, work);
            await Store.TrainingRuns.CompleteAsync(job.Id, fence, result.Id, work.Transaction);
            await work.CommitAsync();
        }
        Assert.Equal(result.Id, (await Store.TrainingJobs.GetAsync(owner, job.Id))!.ResultModelId);
        Assert.NotNull(await Store.Models.GetAsync(owner, result.Id));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : TransactionTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : TransactionTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
