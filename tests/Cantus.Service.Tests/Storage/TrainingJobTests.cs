using Cantus.Service.Storage;
using Cantus.Service.Storage.Training;
using Dapper;

namespace Cantus.Service.Tests.Storage;

public abstract class TrainingJobTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    [StoreFact]
    public async Task ANewJobIsQueuedAfresh()
    {
        var owner = await Store.NewUserAsync();
        var dataset = await Store.NewDatasetAsync(owner);
        var sample = await Store.NewSampleModelAsync();
        var job = await Store.TrainingJobs.CreateAsync(new TrainingJobRecord
        {
            OwnerId = owner, Name = "bach", DatasetId = dataset.Id, BaseModelId = sample.Id, Iterations = 500,
            State = TrainingJobState.Completed, Iteration = 400, Fence = "forged", FenceEpoch = 9, Attempts = 3, Error = "old", CancelRequested = true,
        });
        Assert.Equal(
            (TrainingJobState.Queued, 0, (string?)null, 0, 0, (string?)null, false, (DateTimeOffset?)null),
            (job.State, job.Iteration, job.Fence, job.FenceEpoch, job.Attempts, job.Error, job.CancelRequested, job.StartedAt));
        Assert.Equal(job, await Store.TrainingJobs.GetAsync(owner, job.Id));
        Assert.Equal([job], await Store.TrainingJobs.ListAsync(owner));
        Assert.Contains(job, await Store.TrainingRuns.ListUnfinishedAsync());

        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.NewJobAsync(owner, StoreIds.New()));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.NewJobAsync(owner, dataset.Id, baseModelId: StoreIds.New()));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.TrainingJobs.CreateAsync(job with { Id = "", DatasetId = null }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.TrainingJobs.CreateAsync(job with { Id = "", Hyperparameters = "{" }));
    }

    [StoreFact]
    public async Task AnotherUsersJobIsMissing()
    {
        var owner = await Store.NewUserAsync();
        var stranger = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);

        Assert.Null(await Store.TrainingJobs.GetAsync(stranger, job.Id));
        Assert.Empty(await Store.TrainingJobs.ListAsync(stranger));
        Assert.Null(await Store.TrainingJobs.RequestCancelAsync(stranger, job.Id));
        Assert.Null(await Store.TrainingJobs.ResumeAsync(stranger, job.Id));
        Assert.False(await Store.TrainingJobs.DeleteAsync(stranger, job.Id));
        Assert.Null(await Store.TrainingJobs.GetLossesAsync(stranger, job.Id));
        Assert.Null(await Store.TrainingJobs.GetMetricsAsync(stranger, job.Id));
        Assert.Null(await Store.TrainingJobs.GetSamplesAsync(stranger, job.Id));
        Assert.Null(await Store.TrainingJobs.GetCheckpointsAsync(stranger, job.Id));
        Assert.Null(await Store.TrainingJobs.GetAttemptErrorsAsync(stranger, job.Id));
        Assert.Equal(job, await Store.TrainingJobs.GetAsync(owner, job.Id));
        Assert.Empty((await Store.TrainingJobs.GetLossesAsync(owner, job.Id))!);
    }

    [StoreFact]
    public async Task CancelingAQueuedJobEndsItAndResumeQueuesItAgain()
    {
        var owner = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);
        var canceled = (await Store.TrainingJobs.RequestCancelAsync(owner, job.Id))!;
        Assert.Equal(TrainingJobState.Canceled, canceled.State);
        Assert.NotNull(canceled.FinishedAt);
        Assert.Equal(canceled, await Store.TrainingJobs.RequestCancelAsync(owner, job.Id));
        Assert.DoesNotContain(await Store.TrainingRuns.ListUnfinishedAsync(), j => j.Id == job.Id);

        var resumed = (await Store.TrainingJobs.ResumeAsync(owner, job.Id))!;
        Assert.Equal((TrainingJobState.Queued, (DateTimeOffset?)null), (resumed.State, resumed.FinishedAt));
        var again = await Assert.ThrowsAsync<StoreConflictException>(() => Store.TrainingJobs.ResumeAsync(owner, job.Id));
        Assert.Contains("is queued", again.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task CancelingARunningJobAsksItsRunToStop()
    {
        var owner = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);
        var fence = await Store.TakeOverAsync(job.Id);
        await Store.TrainingRuns.TransitionAsync(job.Id, fence, TrainingJobState.Training);
        Assert.False(await Store.TrainingRuns.IsCancelRequestedAsync(job.Id, fence));

        var asked = (await Store.TrainingJobs.RequestCancelAsync(owner, job.Id))!;
        Assert.Equal((TrainingJobState.Training, true), (asked.State, asked.CancelRequested));
        Assert.True(await Store.TrainingRuns.IsCancelRequestedAsync(job.Id, fence));
        var deleting = await Assert.ThrowsAsync<StoreConflictException>(() => Store.TrainingJobs.DeleteAsync(owner, job.Id));
        Assert.Contains("cancel it first", deleting.Message, StringComparison.Ordinal);

        var stopped = await Store.TrainingRuns.TransitionAsync(job.Id, fence, TrainingJobState.Canceled);
        Assert.Equal((TrainingJobState.Canceled, (string?)null), (stopped.State, stopped.Fence));
        var resumed = (await Store.TrainingJobs.ResumeAsync(owner, job.Id))!;
        Assert.False(resumed.CancelRequested);
        Assert.Equal(2, (await Store.TrainingRuns.TakeOverAsync(job.Id, "second run")).Attempts);
    }

    [StoreFact]
    public async Task AFinishedJobCannotBeCanceledButCanBeDeletedWithItsSeries()
    {
        var owner = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);
        var fence = await Store.TakeOverAsync(job.Id);
        await Store.TrainingRuns.AddLossesAsync(job.Id, fence, [new JobLoss { Iteration = 1, Critic = 1 }]);
        await Store.TrainingRuns.TransitionAsync(job.Id, fence, TrainingJobState.Failed, "The dataset has no four-part pieces.");
        var failed = (await Store.TrainingJobs.GetAsync(owner, job.Id))!;
        Assert.Equal("The dataset has no four-part pieces.", failed.Error);
        var cancel = await Assert.ThrowsAsync<StoreConflictException>(() => Store.TrainingJobs.RequestCancelAsync(owner, job.Id));
        Assert.Contains("already failed", cancel.Message, StringComparison.Ordinal);

        Assert.True(await Store.TrainingJobs.DeleteAsync(owner, job.Id));
        Assert.Null(await Store.TrainingJobs.GetAsync(owner, job.Id));
        Assert.Null(await Store.TrainingJobs.GetLossesAsync(owner, job.Id));
        Assert.False(await Store.TrainingJobs.DeleteAsync(owner, job.Id));
        await using var connection = await Store.Database.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM job_losses WHERE job_id = @Id", job));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : TrainingJobTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : TrainingJobTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
