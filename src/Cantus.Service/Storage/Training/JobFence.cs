using System.Data.Common;
using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Training;

/// <summary>How a run's writes are fenced: the guard that holds the job row, and the reason a write was refused.</summary>
internal static class JobFence
{
    /// <summary>
    /// A session (in a transaction) whose first statement touches the job row only if the fence
    /// still holds: it takes the row's write lock, so no take-over can commit until this
    /// transaction ends, and its zero-row result refuses the write.
    /// </summary>
    public static async Task<DbSession> GuardAsync(CantusDatabase database, string jobId, string fence, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        try
        {
            var held = await session.ExecuteAsync(
                "UPDATE training_jobs SET updated_at = @now WHERE id = @jobId AND fence = @fence", new { jobId, fence, now = database.Now() }).ConfigureAwait(false);
            if (held == 0) throw await RefusalAsync(session, jobId, fence, null).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Why a fenced write touched nothing: the job is gone, another run owns it, or (fence held) the state move is illegal.</summary>
    public static async Task<Exception> RefusalAsync(DbSession session, string jobId, string fence, TrainingJobState? to)
    {
        var row = await session.SingleOrDefaultAsync<JobFenceRow>(
            "SELECT state, fence, fence_epoch FROM training_jobs WHERE id = @jobId", new { jobId }).ConfigureAwait(false);
        if (row is null) return new FenceLostException(jobId, $"Training job {jobId} no longer exists.");
        var state = TrainingJobStates.Name(row.State);
        if (row.Fence != fence)
            return new FenceLostException(jobId, row.Fence is null
                ? $"Training job {jobId} is {state} and no run owns it any more."
                : $"Training job {jobId} was taken over by another run (epoch {row.FenceEpoch}).");
        return to is { } target
            ? new StoreConflictException($"A training job cannot go from {state} to {TrainingJobStates.Name(target)}.")
            : new StoreConflictException($"Training job {jobId} is {state} and refused the write.");
    }
}
