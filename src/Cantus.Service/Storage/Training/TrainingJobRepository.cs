using System.Data.Common;
using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Training;

/// <summary>
/// Training jobs as their owner sees them: create, read, cancel, resume, delete, and the time
/// series. Every method is scoped to the owner. What a running worker writes is in <see cref="TrainingRunRepository"/>.
/// </summary>
public sealed class TrainingJobRepository
{
    internal const string Columns =
        "id, owner_id, name, base_model_id, dataset_id, tags, hyperparameters, architecture, state, iteration, iterations, eta_seconds, " +
        "cancel_requested, fence, fence_epoch, attempts, error, result_model_id, created_at, started_at, updated_at, finished_at";

    private readonly CantusDatabase database;

    internal TrainingJobRepository(CantusDatabase database) => this.database = database;

    /// <summary>
    /// Queues a new job (its state, progress and run fields start afresh). The dataset must be
    /// the owner's or built in, the base model (when given) the owner's or a sample; else a
    /// <see cref="StoreNotFoundException"/>. Pass the transaction that also enqueues the job.
    /// </summary>
    public async Task<TrainingJobRecord> CreateAsync(TrainingJobRecord job, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(job.Name);
        if (job.DatasetId is null) throw new ArgumentException("A training job needs a dataset.", nameof(job));
        ArgumentOutOfRangeException.ThrowIfLessThan(job.Iterations, 1);
        var now = database.Now();
        var row = new TrainingJobRecord
        {
            Id = job.Id.Length > 0 ? job.Id : StoreIds.New(), OwnerId = job.OwnerId, Name = job.Name, BaseModelId = job.BaseModelId,
            DatasetId = job.DatasetId, Tags = job.Tags, Hyperparameters = job.Hyperparameters, Architecture = job.Architecture,
            State = TrainingJobState.Queued, Iterations = job.Iterations, CreatedAt = now, UpdatedAt = now,
        };
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        if (await session.ScalarAsync<long>("SELECT COUNT(*) FROM datasets WHERE id = @DatasetId AND (owner_id = @OwnerId OR owner_id IS NULL)", row).ConfigureAwait(false) == 0)
            throw new StoreNotFoundException($"Dataset {row.DatasetId} was not found.");
        if (row.BaseModelId is not null
            && await session.ScalarAsync<long>("SELECT COUNT(*) FROM models WHERE id = @BaseModelId AND (owner_id = @OwnerId OR owner_id IS NULL)", row).ConfigureAwait(false) == 0)
            throw new StoreNotFoundException($"Model {row.BaseModelId} was not found.");
        try
        {
            await session.ExecuteAsync(
                $"""
                INSERT INTO training_jobs ({Columns}) VALUES (@Id, @OwnerId, @Name, @BaseModelId, @DatasetId, @Tags, @Hyperparameters, @Architecture,
                    @State, 0, @Iterations, NULL, FALSE, NULL, 0, 0, NULL, NULL, @CreatedAt, NULL, @UpdatedAt, NULL)
                """,
                new
                {
                    row.Id, row.OwnerId, row.Name, row.BaseModelId, row.DatasetId, Tags = JsonText.From(row.Tags, "tags"),
                    Hyperparameters = JsonText.From(row.Hyperparameters, "hyperparameters"), Architecture = JsonText.From(row.Architecture, "architecture"),
                    State = TrainingJobStates.Name(row.State), row.Iterations, row.CreatedAt, row.UpdatedAt,
                }).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"User {row.OwnerId} was not found.", ex);
        }
        await session.CommitAsync().ConfigureAwait(false);
        return row;
    }

    /// <summary>The owner's job, or null.</summary>
    public async Task<TrainingJobRecord?> GetAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<TrainingJobRecord>(
            $"SELECT {Columns} FROM training_jobs WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false);
    }

    /// <summary>The owner's jobs, newest first.</summary>
    public async Task<IReadOnlyList<TrainingJobRecord>> ListAsync(string ownerId, Page? page = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var p = Page.Resolve(page);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<TrainingJobRecord>(
            $"SELECT {Columns} FROM training_jobs WHERE owner_id = @ownerId ORDER BY created_at DESC, id LIMIT @Limit OFFSET @Offset",
            new { ownerId, p.Limit, p.Offset }).ConfigureAwait(false);
    }

    /// <summary>
    /// The newest <paramref name="limit"/> completed jobs, whoever owns them: what the training
    /// estimate reads its measured rates from (it reveals no job, only a rate).
    /// </summary>
    public async Task<IReadOnlyList<TrainingJobRecord>> ListCompletedAsync(int limit = 200, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<TrainingJobRecord>(
            $"SELECT {Columns} FROM training_jobs WHERE state = 'completed' ORDER BY finished_at DESC, id LIMIT @limit", new { limit }).ConfigureAwait(false);
    }

    /// <summary>
    /// The ids of unfinished jobs that nothing has written to for <paramref name="silentFor"/>: no
    /// run's heartbeat (progress, fenced writes) since, so whatever ran them is gone or never came.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListSilentAsync(TimeSpan silentFor, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<string>(
            $"SELECT id FROM training_jobs WHERE state IN {TrainingJobStates.SqlList(TrainingJobStates.Unfinished)} AND updated_at < @cutoff ORDER BY updated_at",
            new { cutoff = database.Now() - silentFor }).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels the owner's job: a queued job becomes canceled at once; a running one gets its
    /// cancel flag, which its run obeys; a canceled one stays so. Null when there is no such job;
    /// a completed or failed job is a <see cref="StoreConflictException"/>.
    /// </summary>
    public async Task<TrainingJobRecord?> RequestCancelAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        var job = await session.SingleOrDefaultAsync<TrainingJobRecord>(
            $"SELECT {Columns} FROM training_jobs WHERE id = @id AND owner_id = @ownerId{database.Dialect.ForUpdate}", new { id, ownerId }).ConfigureAwait(false);
        if (job is null || job.State == TrainingJobState.Canceled) return job;
        if (job.State is TrainingJobState.Completed or TrainingJobState.Failed)
            throw new StoreConflictException($"Training job \"{job.Name}\" has already {TrainingJobStates.Name(job.State)}: there is nothing to cancel.");
        var set = job.State == TrainingJobState.Queued
            ? "state = 'canceled', finished_at = @now, fence = NULL, eta_seconds = NULL"
            : "cancel_requested = TRUE";
        var changed = await session.SingleOrDefaultAsync<TrainingJobRecord>(
            $"UPDATE training_jobs SET {set}, updated_at = @now WHERE id = @id RETURNING {Columns}", new { id, now = database.Now() }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
        return changed;
    }

    /// <summary>
    /// Queues the owner's canceled or failed job again (it resumes from its last checkpoint).
    /// Null when there is no such job; any other state is a <see cref="StoreConflictException"/>.
    /// </summary>
    public async Task<TrainingJobRecord?> ResumeAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        var resumed = await session.SingleOrDefaultAsync<TrainingJobRecord>(
            $"""
            UPDATE training_jobs SET state = 'queued', cancel_requested = FALSE, error = NULL, eta_seconds = NULL,
                finished_at = NULL, updated_at = @now
            WHERE id = @id AND owner_id = @ownerId AND state IN {TrainingJobStates.SqlList(TrainingJobStates.From(TrainingJobState.Queued))}
            RETURNING {Columns}
            """, new { id, ownerId, now = database.Now() }).ConfigureAwait(false);
        if (resumed is not null) return resumed;
        var job = await GetAsync(ownerId, id, transaction, cancellationToken).ConfigureAwait(false);
        return job is null ? null
            : throw new StoreConflictException($"Training job \"{job.Name}\" is {TrainingJobStates.Name(job.State)}: only a canceled or failed job can be resumed.");
    }

    /// <summary>
    /// Deletes the owner's job with its time series; false when there is no such job. A queued
    /// or running job is a <see cref="StoreConflictException"/>: cancel it first.
    /// </summary>
    public async Task<bool> DeleteAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        var job = await session.SingleOrDefaultAsync<TrainingJobRecord>(
            $"SELECT {Columns} FROM training_jobs WHERE id = @id AND owner_id = @ownerId{database.Dialect.ForUpdate}", new { id, ownerId }).ConfigureAwait(false);
        if (job is null) return false;
        if (!TrainingJobStates.IsFinished(job.State))
            throw new StoreConflictException($"Training job \"{job.Name}\" is {TrainingJobStates.Name(job.State)}: cancel it first.");
        await session.ExecuteAsync("DELETE FROM training_jobs WHERE id = @id", new { id }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>The job's losses after <paramref name="afterIteration"/>, by iteration; null when the owner has no such job.</summary>
    public Task<IReadOnlyList<JobLoss>?> GetLossesAsync(string ownerId, string jobId, int afterIteration = -1, CancellationToken cancellationToken = default) =>
        SeriesAsync<JobLoss>(ownerId, jobId, afterIteration,
            "SELECT iteration, critic, generator, gradient_penalty, wasserstein, seconds FROM job_losses WHERE job_id = @jobId AND iteration > @after ORDER BY iteration",
            cancellationToken);

    /// <summary>The job's metrics after <paramref name="afterIteration"/>, by iteration; null when the owner has no such job.</summary>
    public Task<IReadOnlyList<JobMetric>?> GetMetricsAsync(string ownerId, string jobId, int afterIteration = -1, CancellationToken cancellationToken = default) =>
        SeriesAsync<JobMetric>(ownerId, jobId, afterIteration,
            "SELECT iteration, similarity_index, metrics FROM job_metrics WHERE job_id = @jobId AND iteration > @after ORDER BY iteration",
            cancellationToken);

    /// <summary>The job's samples after <paramref name="afterIteration"/>, by iteration; null when the owner has no such job.</summary>
    public Task<IReadOnlyList<JobSample>?> GetSamplesAsync(string ownerId, string jobId, int afterIteration = -1, CancellationToken cancellationToken = default) =>
        SeriesAsync<JobSample>(ownerId, jobId, afterIteration,
            "SELECT iteration, midi_sha256, png_sha256 FROM job_samples WHERE job_id = @jobId AND iteration > @after ORDER BY iteration",
            cancellationToken);

    /// <summary>The job's checkpoints, by iteration; null when the owner has no such job.</summary>
    public Task<IReadOnlyList<JobCheckpoint>?> GetCheckpointsAsync(string ownerId, string jobId, CancellationToken cancellationToken = default) =>
        SeriesAsync<JobCheckpoint>(ownerId, jobId, -1,
            "SELECT iteration, blob_sha256, created_at FROM job_checkpoints WHERE job_id = @jobId AND iteration > @after ORDER BY iteration",
            cancellationToken);

    /// <summary>The errors that ended the job's attempts, by attempt; null when the owner has no such job.</summary>
    public Task<IReadOnlyList<JobAttemptError>?> GetAttemptErrorsAsync(string ownerId, string jobId, CancellationToken cancellationToken = default) =>
        SeriesAsync<JobAttemptError>(ownerId, jobId, -1,
            "SELECT attempt, error, at FROM job_attempt_errors WHERE job_id = @jobId AND attempt > @after ORDER BY attempt",
            cancellationToken);

    private async Task<IReadOnlyList<T>?> SeriesAsync<T>(string ownerId, string jobId, int after, string sql, CancellationToken cancellationToken)
    {
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        if (await session.ScalarAsync<long>("SELECT COUNT(*) FROM training_jobs WHERE id = @jobId AND owner_id = @ownerId", new { jobId, ownerId }).ConfigureAwait(false) == 0)
            return null;
        return await session.ListAsync<T>(sql, new { jobId, after }).ConfigureAwait(false);
    }
}
