using Cantus.Service.Storage;
using Cantus.Service.Storage.Sql;
using Quartz;

namespace Cantus.Service.Jobs;

/// <summary>
/// Clears what the scheduler's own recovery can leave behind for a job: firing rows of a run that
/// is gone. A training job disallows concurrent runs, so while any firing row of it exists every
/// trigger of it stays blocked; a scheduler instance that was recovered by another while it was
/// frozen (Quartz deletes its check-in row) and then died before it checked in again leaves firing
/// rows that no clustered scheduler recovers (only a starting one looks for such orphans).
/// </summary>
/// <remarks>
/// Works on Quartz's own tables, as Quartz does when it recovers a dead instance: inside a
/// transaction that holds its trigger lock, the job's firing rows are deleted and its blocked
/// triggers made waiting. Only for a job no run has written to for <see cref="JobSettings.RescueAfter"/>;
/// if a run still lived, its takeover fence would stop it as soon as the job runs again.
/// </remarks>
internal static class StaleFirings
{
    /// <summary>Quartz's table prefix (its default, which Cantus keeps).</summary>
    private const string Prefix = "qrtz_";

    /// <summary>Deletes the job's firing rows and unblocks its triggers; returns the firing rows deleted.</summary>
    public static async Task<int> ClearAsync(CantusDatabase database, string schedulerName, JobKey job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(job);
        await using var session = await DbSession.OpenAsync(database, null, true, cancellationToken).ConfigureAwait(false);
        var args = new { scheduler = schedulerName, name = job.Name, group = job.Group };
        // The lock every scheduler of the cluster takes before it changes triggers (SQLite's write transaction already excludes them).
        if (database.Engine == DatabaseEngine.PostgreSql)
            await session.ListAsync<string>($"SELECT lock_name FROM {Prefix}locks WHERE sched_name = @scheduler AND lock_name = 'TRIGGER_ACCESS' FOR UPDATE", args).ConfigureAwait(false);
        var deleted = await session.ExecuteAsync($"DELETE FROM {Prefix}fired_triggers WHERE sched_name = @scheduler AND job_name = @name AND job_group = @group", args)
            .ConfigureAwait(false);
        await session.ExecuteAsync(
            $"""
            UPDATE {Prefix}triggers SET trigger_state = CASE trigger_state WHEN 'PAUSED_BLOCKED' THEN 'PAUSED' ELSE 'WAITING' END
            WHERE sched_name = @scheduler AND job_name = @name AND job_group = @group AND trigger_state IN ('BLOCKED', 'PAUSED_BLOCKED')
            """, args).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
        return deleted;
    }
}
