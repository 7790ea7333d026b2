using Cantus.Service.Storage;
using Cantus.Service.Storage.Training;

namespace Cantus.Service.Tests.Storage;

public abstract class TrainingRunTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    [StoreFact]
    public async Task ARunWalksTheStateMachineToCompletion()
    {
        var owner = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);
        var taken = await Store.TrainingRuns.TakeOverAsync(job.Id, "run-1");
        Assert.Equal((TrainingJobState.Preparing, "run-1", 1, 1), (taken.State, taken.Fence, taken.FenceEpoch, taken.Attempts));
        Assert.NotNull(taken.StartedAt);

        Assert.Equal(TrainingJobState.Training, (await Store.TrainingRuns.TransitionAsync(job.Id, "run-1", TrainingJobState.Training)).State);
        await Store.TrainingRuns.ReportProgressAsync(job.Id, "run-1", 250, etaSeconds: 90);
        var progress = (await Store.TrainingJobs.GetAsync(owner, job.Id))!;
        Assert.Equal((250, (int?)90), (progress.Iteration, progress.EtaSeconds));
        await Store.TrainingRuns.TransitionAsync(job.Id, "run-1", TrainingJobState.Evaluating);

        var model = await Store.NewModelAsync(owner);
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.TrainingRuns.CompleteAsync(job.Id, "run-1", StoreIds.New()));
        var done = await Store.TrainingRuns.CompleteAsync(job.Id, "run-1", model.Id);
        Assert.Equal((TrainingJobState.Completed, model.Id, (string?)null, (int?)null), (done.State, done.ResultModelId, done.Fence, done.EtaSeconds));
        Assert.NotNull(done.FinishedAt);
        Assert.Equal(done, await Store.TrainingJobs.GetAsync(owner, job.Id));

        var late = await Assert.ThrowsAsync<FenceLostException>(() => Store.TrainingRuns.ReportProgressAsync(job.Id, "run-1", 999, null));
        Assert.Contains("no run owns it", late.Message, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<StoreConflictException>(() => Store.TrainingRuns.TakeOverAsync(job.Id, "run-2"));
        Assert.Contains("completed", again.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.TrainingRuns.TakeOverAsync(StoreIds.New(), "run-3"));
    }

    [StoreFact]
    public async Task EveryRunIsRecorded_WithItsEpochWorkerResumePointAndProgress_AndCheckpointsKeepTheirEpoch()
    {
        var owner = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);
        await Store.TrainingRuns.TakeOverAsync(job.Id, "run-1", worker: "host-a:11");
        await Store.TrainingRuns.RecordStartAsync(job.Id, "run-1", null);
        await Store.TrainingRuns.ReportProgressAsync(job.Id, "run-1", 37, null);
        var first = await Store.Blobs.PutTextAsync("checkpoint 20 " + StoreIds.New());
        await Store.TrainingRuns.AddCheckpointAsync(job.Id, "run-1", 20, first);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.TrainingRuns.TakeOverAsync(job.Id, "run-2", worker: "host-b:22");
        await Store.TrainingRuns.RecordStartAsync(job.Id, "run-2", 20);
        // The first run, back from a pause, can neither report nor checkpoint: its claim is gone.
        await Assert.ThrowsAsync<FenceLostException>(() => Store.TrainingRuns.ReportProgressAsync(job.Id, "run-1", 45, null));
        await Assert.ThrowsAsync<FenceLostException>(() => Store.TrainingRuns.AddCheckpointAsync(job.Id, "run-1", 40, first));
        await Store.TrainingRuns.ReportProgressAsync(job.Id, "run-2", 41, null);
        await Store.TrainingRuns.AddCheckpointAsync(job.Id, "run-2", 40, await Store.Blobs.PutTextAsync("checkpoint 40 " + StoreIds.New()));

        var attempts = await Store.TrainingRuns.ListAttemptsAsync(job.Id);
        Assert.Equal([(1, "host-a:11", (int?)null, 37), (2, "host-b:22", 20, 41)], attempts.Select(a => (a.Epoch, a.Worker, a.ResumedFrom, a.LastIteration)).ToList());
        Assert.True(attempts[1].ClaimedAt > attempts[0].ClaimedAt);
        var epochs = new List<(long Iteration, long Epoch)>();
        await using (var connection = await Store.Database.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT iteration, fence_epoch FROM job_checkpoints WHERE job_id = '{job.Id}' ORDER BY iteration";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) epochs.Add((Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        }
        Assert.Equal([(20L, 1L), (40L, 2L)], epochs);
    }

    [StoreFact]
    public async Task CompletedJobs_AreListedForEveryOwner_NewestFirst()
    {
        var first = await Store.NewUserAsync();
        var second = await Store.NewUserAsync();
        async Task<TrainingJobRecord> Completed(string owner)
        {
            var job = await Store.NewJobAsync(owner);
            var fence = await Store.TakeOverAsync(job.Id);
            await Store.TrainingRuns.TransitionAsync(job.Id, fence, TrainingJobState.Training);
            await Store.TrainingRuns.TransitionAsync(job.Id, fence, TrainingJobState.Evaluating);
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(5));
            return await Store.TrainingRuns.CompleteAsync(job.Id, fence, (await Store.NewModelAsync(owner)).Id);
        }
        var older = await Completed(first);
        var newer = await Completed(second);
        var running = await Store.NewJobAsync(first);
        await Store.TakeOverAsync(running.Id);

        var listed = await Store.TrainingJobs.ListCompletedAsync(1000);
        Assert.All(listed, j => Assert.Equal(TrainingJobState.Completed, j.State));
        var ids = listed.Select(j => j.Id).ToList();
        Assert.True(ids.IndexOf(newer.Id) >= 0 && ids.IndexOf(newer.Id) < ids.IndexOf(older.Id), string.Join(", ", ids));
        Assert.DoesNotContain(running.Id, ids);
        Assert.Equal(newer, listed.Single(j => j.Id == newer.Id));
        Assert.Single(await Store.TrainingJobs.ListCompletedAsync(1));
    }

    [StoreFact]
    public async Task IllegalMovesAreRefused()
    {
        Assert.True(TrainingJobStates.CanMove(TrainingJobState.Failed, TrainingJobState.Queued));
        Assert.False(TrainingJobStates.CanMove(TrainingJobState.Completed, TrainingJobState.Queued));
        var job = await Store.NewJobAsync(await Store.NewUserAsync());
        var fence = await Store.TakeOverAsync(job.Id);

        foreach (var to in new[] { TrainingJobState.Evaluating, TrainingJobState.Completed, TrainingJobState.Queued, TrainingJobState.Preparing })
        {
            var refused = await Assert.ThrowsAsync<StoreConflictException>(() => Store.TrainingRuns.TransitionAsync(job.Id, fence, to));
            Assert.Equal($"A training job cannot go from preparing to {TrainingJobStates.Name(to)}.", refused.Message);
        }
        await Store.TrainingRuns.TransitionAsync(job.Id, fence, TrainingJobState.Training);
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.TrainingRuns.TransitionAsync(job.Id, fence, TrainingJobState.Training));
        var model = await Store.NewModelAsync(job.OwnerId);
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.TrainingRuns.CompleteAsync(job.Id, fence, model.Id));
        Assert.Equal(TrainingJobState.Training, (await Store.TrainingJobs.GetAsync(job.OwnerId, job.Id))!.State);
    }

    [StoreFact]
    public async Task AStaleFenceWritesNothingAndTakeOverBumpsTheEpoch()
    {
        var owner = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);
        var first = await Store.TakeOverAsync(job.Id);
        await Store.TrainingRuns.TransitionAsync(job.Id, first, TrainingJobState.Training);
        await Store.TrainingRuns.AddLossesAsync(job.Id, first, [new JobLoss { Iteration = 1, Critic = 0.5 }]);
        var checkpoint = await Store.Blobs.PutTextAsync("checkpoint " + StoreIds.New());

        var second = await Store.TrainingRuns.TakeOverAsync(job.Id, "run-two");
        Assert.Equal((2, 2, TrainingJobState.Preparing), (second.FenceEpoch, second.Attempts, second.State));

        var stale = new List<Func<Task>>
        {
            () => Store.TrainingRuns.ReportProgressAsync(job.Id, first, 5, 10),
            () => Store.TrainingRuns.AddLossesAsync(job.Id, first, [new JobLoss { Iteration = 2 }]),
            () => Store.TrainingRuns.AddMetricAsync(job.Id, first, new JobMetric { Iteration = 2 }),
            () => Store.TrainingRuns.AddSampleAsync(job.Id, first, new JobSample { Iteration = 2, MidiSha256 = checkpoint }),
            () => Store.TrainingRuns.AddCheckpointAsync(job.Id, first, 2, checkpoint),
            () => Store.TrainingRuns.TruncateAfterAsync(job.Id, first, 0),
            () => Store.TrainingRuns.RecordAttemptErrorAsync(job.Id, first, "late"),
            () => Store.TrainingRuns.TransitionAsync(job.Id, first, TrainingJobState.Failed, "late"),
            () => Store.TrainingRuns.IsCancelRequestedAsync(job.Id, first),
        };
        foreach (var write in stale)
        {
            var lost = await Assert.ThrowsAsync<FenceLostException>(write);
            Assert.Equal(job.Id, lost.JobId);
            Assert.Contains("taken over by another run (epoch 2)", lost.Message, StringComparison.Ordinal);
        }

        var now = (await Store.TrainingJobs.GetAsync(owner, job.Id))!;
        Assert.Equal((0, TrainingJobState.Preparing, "run-two", (string?)null), (now.Iteration, now.State, now.Fence, now.Error));
        Assert.Equal([1], (await Store.TrainingJobs.GetLossesAsync(owner, job.Id))!.Select(l => l.Iteration));
        Assert.Empty((await Store.TrainingJobs.GetMetricsAsync(owner, job.Id))!);
        Assert.Empty((await Store.TrainingJobs.GetSamplesAsync(owner, job.Id))!);
        Assert.Empty((await Store.TrainingJobs.GetCheckpointsAsync(owner, job.Id))!);
        Assert.Empty((await Store.TrainingJobs.GetAttemptErrorsAsync(owner, job.Id))!);
        await Store.TrainingRuns.TransitionAsync(job.Id, "run-two", TrainingJobState.Training);
    }

    [StoreFact]
    public async Task TimeSeriesAreWrittenReadAndTruncatedForAResume()
    {
        var owner = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);
        var fence = await Store.TakeOverAsync(job.Id);
        var losses = Enumerable.Range(1, 10).Select(i => new JobLoss { Iteration = i, Critic = -i, Generator = i, GradientPenalty = 0.1, Wasserstein = i / 2.0, Seconds = i * 1.5 }).ToList();
        await Store.TrainingRuns.AddLossesAsync(job.Id, fence, losses);
        foreach (var iteration in new[] { 5, 10 })
        {
            await Store.TrainingRuns.AddMetricAsync(job.Id, fence, new JobMetric { Iteration = iteration, SimilarityIndex = iteration / 10.0, Metrics = """{"consonance": 0.8}""" });
            var midi = await Store.Blobs.PutTextAsync($"sample {iteration} {StoreIds.New()}");
            await Store.TrainingRuns.AddSampleAsync(job.Id, fence, new JobSample { Iteration = iteration, MidiSha256 = midi });
            await Store.TrainingRuns.AddCheckpointAsync(job.Id, fence, iteration, await Store.Blobs.PutTextAsync($"checkpoint {iteration} {StoreIds.New()}"));
        }
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.TrainingRuns.AddCheckpointAsync(job.Id, fence, 11, new string('e', 64)));

        Assert.Equal(losses, await Store.TrainingJobs.GetLossesAsync(owner, job.Id));
        Assert.Equal(losses[7..], await Store.TrainingJobs.GetLossesAsync(owner, job.Id, afterIteration: 7));
        Assert.Equal([0.5, 1.0], (await Store.TrainingJobs.GetMetricsAsync(owner, job.Id))!.Select(m => m.SimilarityIndex!.Value));
        Assert.Equal([10], (await Store.TrainingJobs.GetSamplesAsync(owner, job.Id, afterIteration: 5))!.Select(s => s.Iteration));
        Assert.Equal(10, (await Store.TrainingRuns.GetLatestCheckpointAsync(job.Id))!.Iteration);

        await Store.TrainingRuns.AddLossesAsync(job.Id, fence, [losses[4] with { Critic = 42 }]);
        Assert.Equal(42, (await Store.TrainingJobs.GetLossesAsync(owner, job.Id))![4].Critic);

        var resumed = await Store.TrainingRuns.TakeOverAsync(job.Id, "resumed run");
        var from = (await Store.TrainingRuns.GetLatestCheckpointAsync(job.Id))!;
        await Store.TrainingRuns.TruncateAfterAsync(job.Id, resumed.Fence!, 5);
        Assert.Equal(5, (await Store.TrainingJobs.GetLossesAsync(owner, job.Id))!.Count);
        Assert.Equal([5], (await Store.TrainingJobs.GetMetricsAsync(owner, job.Id))!.Select(m => m.Iteration));
        Assert.Equal([5], (await Store.TrainingJobs.GetSamplesAsync(owner, job.Id))!.Select(m => m.Iteration));
        Assert.Equal([5], (await Store.TrainingJobs.GetCheckpointsAsync(owner, job.Id))!.Select(m => m.Iteration));
        Assert.Equal(5, (await Store.TrainingJobs.GetAsync(owner, job.Id))!.Iteration);
        Assert.Equal(10, from.Iteration);
        Assert.Null(await Store.TrainingRuns.GetLatestCheckpointAsync(StoreIds.New()));
    }

    [StoreFact]
    public async Task EachAttemptsErrorIsKept()
    {
        var owner = await Store.NewUserAsync();
        var job = await Store.NewJobAsync(owner);
        var first = await Store.TakeOverAsync(job.Id);
        await Store.TrainingRuns.RecordAttemptErrorAsync(job.Id, first, "database unavailable");
        var second = await Store.TakeOverAsync(job.Id);
        await Store.TrainingRuns.RecordAttemptErrorAsync(job.Id, second, "out of memory");
        await Store.TrainingRuns.RecordAttemptErrorAsync(job.Id, second, "out of memory (again)");
        var errors = (await Store.TrainingJobs.GetAttemptErrorsAsync(owner, job.Id))!;
        Assert.Equal([(1, "database unavailable"), (2, "out of memory (again)")], errors.Select(e => (e.Attempt, e.Error)));
        Assert.All(errors, e => Assert.NotEqual(default, e.At));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : TrainingRunTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : TrainingRunTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
