using Cantus.Service.Jobs;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Storage.Library;
using Cantus.Service.Storage.Training;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Cantus.Web.Tests.Api;

/// <summary>A job's row and its Quartz job commit together or not at all: Quartz joins the store's transaction.</summary>
public sealed class JobEnqueueTransactionTests : IClassFixture<CantusWebFactory>
{
    private readonly CantusWebFactory _factory;

    public JobEnqueueTransactionTests(CantusWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RowAndQuartzJob_CommitOrRollBackTogether(bool commit)
    {
        _ = _factory.CreateClient(); // starts the host
        var store = _factory.Services.GetRequiredService<CantusStore>();
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var dataset = await store.Datasets.UpsertBuiltInAsync(new DatasetRecord { Name = "tx-test", Kind = DatasetKinds.MidiZip, State = DatasetStates.Available });
        await scheduler.Standby(); // keep the worker from running it: this test is about storing
        string id;
        await using (var tx = await store.BeginAsync())
        {
            var job = await store.TrainingJobs.CreateAsync(new TrainingJobRecord
            {
                OwnerId = UserRepository.LocalUserId, Name = "tx", DatasetId = dataset.Id, Iterations = 1,
            }, tx.Transaction);
            id = job.Id;
            using (scheduler.EnlistTransaction(tx.Transaction))
            {
                var key = new JobKey(id, TrainingJobRunner.Group);
                await scheduler.ScheduleJob(JobBuilder.Create<TrainingJobRunner>().WithIdentity(key).StoreDurably().RequestRecovery().Build(),
                    [TriggerBuilder.Create().ForJob(key).StartAt(DateTimeOffset.UtcNow.AddHours(1)).Build()], ScheduleJobOptions.Replacing);
                if (commit) await tx.CommitAsync();
                else await tx.RollbackAsync();
            }
        }
        var row = await store.TrainingJobs.GetAsync(UserRepository.LocalUserId, id);
        var scheduled = await scheduler.Exists(new JobKey(id, TrainingJobRunner.Group));
        Assert.Equal(commit, row is not null);
        Assert.Equal(commit, scheduled);
        if (commit) await scheduler.DeleteJob(new JobKey(id, TrainingJobRunner.Group));
        await scheduler.Start();
    }
}
