using System.Data.Common;
using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Training;

/// <summary>
/// What a worker's run of a training job writes. A run owns its job by a fencing token set by
/// <see cref="TakeOverAsync"/>; every write carries the token and is refused, in the same
/// statement or transaction, with a <see cref="FenceLostException"/> once another run took the
/// job over or the job finished, so a stalled worker that comes back cannot overwrite its successor.
/// </summary>
public sealed class TrainingRunRepository
{
    private const string Columns = TrainingJobRepository.Columns;
    private readonly CantusDatabase database;

    internal TrainingRunRepository(CantusDatabase database) => this.database = database;

    /// <summary>
    /// Starts a run: the job gets <paramref name="fence"/> as its fencing token, its epoch and
    /// attempts go up by one, and it moves to preparing (from queued, or from a running state
    /// whose worker died). A missing job is a <see cref="StoreNotFoundException"/>; a finished
    /// one a <see cref="StoreConflictException"/> (it must be resumed first).
    /// </summary>
    public async Task<TrainingJobRecord> TakeOverAsync(string jobId, string fence, DbTransaction? transaction = null, CancellationToken cancellationToken = default, string? worker = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fence);
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        var now = database.Now();
        var job = await session.SingleOrDefaultAsync<TrainingJobRecord>(
            $"""
            UPDATE training_jobs SET fence = @fence, fence_epoch = fence_epoch + 1, attempts = attempts + 1, state = 'preparing',
                started_at = COALESCE(started_at, @now), updated_at = @now
            WHERE id = @jobId AND state IN {TrainingJobStates.SqlList(TrainingJobStates.Unfinished)}
            RETURNING {Columns}
            """, new { jobId, fence, now }).ConfigureAwait(false);
        if (job is not null)
        {
            // The run's record, in the same transaction as its claim.
            await session.ExecuteAsync(
                "INSERT INTO job_attempts (job_id, epoch, worker, claimed_at) VALUES (@jobId, @epoch, @worker, @now)",
                new { jobId, epoch = job.FenceEpoch, worker = worker ?? "", now }).ConfigureAwait(false);
            await session.CommitAsync().ConfigureAwait(false);
            return job;
        }
        var state = await session.ScalarAsync<string>("SELECT state FROM training_jobs WHERE id = @jobId", new { jobId }).ConfigureAwait(false);
        throw state is null
            ? new StoreNotFoundException($"Training job {jobId} was not found.")
            : new StoreConflictException($"Training job {jobId} is {state}: resume it before running it again.");
    }

    /// <summary>Records, for this run, the checkpoint iteration it resumed from (null: it started afresh), fenced.</summary>
    public async Task RecordStartAsync(string jobId, string fence, int? resumedFrom, CancellationToken cancellationToken = default)
    {
        await using var session = await JobFence.GuardAsync(database, jobId, fence, null, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            """
            UPDATE job_attempts SET resumed_from = @resumedFrom, last_iteration = @last
            WHERE job_id = @jobId AND epoch = (SELECT fence_epoch FROM training_jobs WHERE id = @jobId)
            """, new { jobId, resumedFrom, last = resumedFrom ?? 0 }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Every run of the job, oldest first.</summary>
    public async Task<IReadOnlyList<JobAttempt>> ListAttemptsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<JobAttempt>(
            "SELECT epoch, worker, claimed_at, resumed_from, last_iteration FROM job_attempts WHERE job_id = @jobId ORDER BY epoch", new { jobId }).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the job along the state machine (<see cref="TrainingJobStates.CanMove"/>); failed
    /// records <paramref name="error"/>; completed, failed and canceled end the run (the fence is
    /// cleared). An illegal move is a <see cref="StoreConflictException"/>.
    /// </summary>
    public Task<TrainingJobRecord> TransitionAsync(string jobId, string fence, TrainingJobState to, string? error = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        MoveAsync(jobId, fence, to, error, null, transaction, cancellationToken);

    /// <summary>Completes the job (from evaluating) with the model it made; a missing model is a <see cref="StoreNotFoundException"/>.</summary>
    public Task<TrainingJobRecord> CompleteAsync(string jobId, string fence, string resultModelId, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultModelId);
        return MoveAsync(jobId, fence, TrainingJobState.Completed, null, resultModelId, transaction, cancellationToken);
    }

    /// <summary>Records the iteration reached, the estimated seconds left and, when given, the iterations planned (known once the data is loaded for a run given in epochs).</summary>
    public async Task ReportProgressAsync(string jobId, string fence, int iteration, int? etaSeconds, int? iterations = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        var changed = await session.ExecuteAsync(
            "UPDATE training_jobs SET iteration = @iteration, eta_seconds = @etaSeconds, iterations = COALESCE(@iterations, iterations), updated_at = @now WHERE id = @jobId AND fence = @fence",
            new { jobId, fence, iteration, etaSeconds, iterations, now = database.Now() }).ConfigureAwait(false);
        if (changed == 0) throw await JobFence.RefusalAsync(session, jobId, fence, null).ConfigureAwait(false);
        await session.ExecuteAsync(
            """
            UPDATE job_attempts SET last_iteration = @iteration
            WHERE job_id = @jobId AND epoch = (SELECT fence_epoch FROM training_jobs WHERE id = @jobId AND fence = @fence)
            """, new { jobId, fence, iteration }).ConfigureAwait(false);
    }

    /// <summary>Records the run's record (RunInfo JSON), fenced.</summary>
    public async Task SetRunInfoAsync(string jobId, string fence, string runInfo, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await JobFence.GuardAsync(database, jobId, fence, transaction, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync("UPDATE training_jobs SET run_info = @runInfo WHERE id = @jobId",
            new { jobId, runInfo = JsonText.From(runInfo, "run_info") }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>The run's record (RunInfo JSON), or null before the first run wrote it.</summary>
    public async Task<string?> GetRunInfoAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.ScalarAsync<string>("SELECT run_info FROM training_jobs WHERE id = @jobId", new { jobId }).ConfigureAwait(false);
    }

    /// <summary>Records losses (an iteration written again replaces its row).</summary>
    public async Task AddLossesAsync(string jobId, string fence, IReadOnlyList<JobLoss> losses, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(losses);
        await using var session = await JobFence.GuardAsync(database, jobId, fence, transaction, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            """
            INSERT INTO job_losses (job_id, iteration, critic, generator, gradient_penalty, wasserstein, seconds)
            VALUES (@jobId, @Iteration, @Critic, @Generator, @GradientPenalty, @Wasserstein, @Seconds)
            ON CONFLICT (job_id, iteration) DO UPDATE SET critic = excluded.critic, generator = excluded.generator,
                gradient_penalty = excluded.gradient_penalty, wasserstein = excluded.wasserstein, seconds = excluded.seconds
            """,
            losses.Select(l => new { jobId, l.Iteration, l.Critic, l.Generator, l.GradientPenalty, l.Wasserstein, l.Seconds }).ToList()).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Records the metrics of one iteration (written again, it replaces the row).</summary>
    public async Task AddMetricAsync(string jobId, string fence, JobMetric metric, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var metrics = JsonText.From(metric.Metrics, "metrics");
        await using var session = await JobFence.GuardAsync(database, jobId, fence, transaction, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            """
            INSERT INTO job_metrics (job_id, iteration, similarity_index, metrics) VALUES (@jobId, @Iteration, @SimilarityIndex, @metrics)
            ON CONFLICT (job_id, iteration) DO UPDATE SET similarity_index = excluded.similarity_index, metrics = excluded.metrics
            """, new { jobId, metric.Iteration, metric.SimilarityIndex, metrics }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Records a sample (its blobs must exist, else a <see cref="StoreNotFoundException"/>).</summary>
    public async Task AddSampleAsync(string jobId, string fence, JobSample sample, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        await using var session = await JobFence.GuardAsync(database, jobId, fence, transaction, cancellationToken).ConfigureAwait(false);
        await WithBlobsAsync(() => session.ExecuteAsync(
            """
            INSERT INTO job_samples (job_id, iteration, midi_sha256, png_sha256) VALUES (@jobId, @Iteration, @MidiSha256, @PngSha256)
            ON CONFLICT (job_id, iteration) DO UPDATE SET midi_sha256 = excluded.midi_sha256, png_sha256 = excluded.png_sha256
            """, new { jobId, sample.Iteration, sample.MidiSha256, sample.PngSha256 })).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Records a checkpoint blob (it must exist, else a <see cref="StoreNotFoundException"/>).</summary>
    public async Task<JobCheckpoint> AddCheckpointAsync(string jobId, string fence, int iteration, string blobSha256, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        var checkpoint = new JobCheckpoint { Iteration = iteration, BlobSha256 = blobSha256, CreatedAt = database.Now() };
        await using var session = await JobFence.GuardAsync(database, jobId, fence, transaction, cancellationToken).ConfigureAwait(false);
        await WithBlobsAsync(() => session.ExecuteAsync(
            """
            INSERT INTO job_checkpoints (job_id, iteration, blob_sha256, created_at, fence_epoch)
            VALUES (@jobId, @Iteration, @BlobSha256, @CreatedAt, (SELECT fence_epoch FROM training_jobs WHERE id = @jobId))
            ON CONFLICT (job_id, iteration) DO UPDATE SET blob_sha256 = excluded.blob_sha256, created_at = excluded.created_at, fence_epoch = excluded.fence_epoch
            """, new { jobId, checkpoint.Iteration, checkpoint.BlobSha256, checkpoint.CreatedAt })).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
        return checkpoint;
    }

    /// <summary>Keeps only the newest <paramref name="keep"/> checkpoints of the job (their blobs are left to garbage collection), fenced.</summary>
    public async Task PruneCheckpointsAsync(string jobId, string fence, int keep, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        await using var session = await JobFence.GuardAsync(database, jobId, fence, transaction, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            """
            DELETE FROM job_checkpoints WHERE job_id = @jobId AND iteration NOT IN
                (SELECT iteration FROM job_checkpoints WHERE job_id = @jobId ORDER BY iteration DESC LIMIT @keep)
            """, new { jobId, keep }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Drops every loss, metric, sample and checkpoint after <paramref name="iteration"/> and sets
    /// the job's iteration to it: what a run resuming from that checkpoint does first.
    /// </summary>
    public async Task TruncateAfterAsync(string jobId, string fence, int iteration, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        await using var session = await JobFence.GuardAsync(database, jobId, fence, transaction, cancellationToken).ConfigureAwait(false);
        foreach (var table in new[] { "job_losses", "job_metrics", "job_samples", "job_checkpoints" })
            await session.ExecuteAsync($"DELETE FROM {table} WHERE job_id = @jobId AND iteration > @iteration", new { jobId, iteration }).ConfigureAwait(false);
        await session.ExecuteAsync("UPDATE training_jobs SET iteration = @iteration WHERE id = @jobId", new { jobId, iteration }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Records the error that ended the current attempt (kept when the job is retried).</summary>
    public async Task RecordAttemptErrorAsync(string jobId, string fence, string error, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        await using var session = await JobFence.GuardAsync(database, jobId, fence, transaction, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            """
            INSERT INTO job_attempt_errors (job_id, attempt, error, at) SELECT id, attempts, @error, @now FROM training_jobs WHERE id = @jobId
            ON CONFLICT (job_id, attempt) DO UPDATE SET error = excluded.error, at = excluded.at
            """, new { jobId, error, now = database.Now() }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>True once the job's owner asked to cancel; a <see cref="FenceLostException"/> when the run no longer owns the job.</summary>
    public async Task<bool> IsCancelRequestedAsync(string jobId, string fence, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        var requested = await session.ScalarAsync<bool?>(
            "SELECT cancel_requested FROM training_jobs WHERE id = @jobId AND fence = @fence", new { jobId, fence }).ConfigureAwait(false);
        return requested ?? throw await JobFence.RefusalAsync(session, jobId, fence, null).ConfigureAwait(false);
    }

    /// <summary>The job's latest checkpoint, where a run resumes; null when it has none.</summary>
    public async Task<JobCheckpoint?> GetLatestCheckpointAsync(string jobId, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<JobCheckpoint>(
            "SELECT iteration, blob_sha256, created_at FROM job_checkpoints WHERE job_id = @jobId ORDER BY iteration DESC LIMIT 1", new { jobId }).ConfigureAwait(false);
    }

    /// <summary>Every queued or running job, oldest first: what a starting scheduler checks is enqueued.</summary>
    public async Task<IReadOnlyList<TrainingJobRecord>> ListUnfinishedAsync(DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<TrainingJobRecord>(
            $"SELECT {Columns} FROM training_jobs WHERE state IN {TrainingJobStates.SqlList(TrainingJobStates.Unfinished)} ORDER BY created_at, id").ConfigureAwait(false);
    }

    private async Task<TrainingJobRecord> MoveAsync(string jobId, string fence, TrainingJobState to, string? error, string? resultModelId, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var from = TrainingJobStates.From(to);
        var set = "state = @to, updated_at = @now";
        if (TrainingJobStates.IsFinished(to)) set += ", finished_at = @now, fence = NULL, eta_seconds = NULL";
        if (to == TrainingJobState.Failed) set += ", error = @error";
        if (to == TrainingJobState.Completed) set += ", result_model_id = @resultModelId";
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        TrainingJobRecord? job;
        try
        {
            job = from.Count == 0 ? null : await session.SingleOrDefaultAsync<TrainingJobRecord>(
                $"UPDATE training_jobs SET {set} WHERE id = @jobId AND fence = @fence AND state IN {TrainingJobStates.SqlList(from)} RETURNING {Columns}",
                new { jobId, fence, to = TrainingJobStates.Name(to), error, resultModelId, now = database.Now() }).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"Model {resultModelId} was not found.", ex);
        }
        return job ?? throw await JobFence.RefusalAsync(session, jobId, fence, to).ConfigureAwait(false);
    }

    private static async Task WithBlobsAsync(Func<Task<int>> insert)
    {
        try
        {
            await insert().ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException("A blob the row refers to was not found.", ex);
        }
    }
}
