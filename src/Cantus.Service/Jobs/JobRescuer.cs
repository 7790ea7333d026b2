using Cantus.Service.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Cantus.Service.Jobs;

/// <summary>
/// The safety net under the scheduler's own recovery, on every worker: an unfinished job that
/// nothing has written to for <see cref="JobSettings.RescueAfter"/> (no run's heartbeat) and that
/// has no trigger waiting is scheduled again. Rescue is by missed heartbeat, never by age, so a
/// long run is never disturbed; and a second run of a job is harmless, because its takeover moves
/// the fence and the first run, if it still lives, can no longer write. Firing rows of a run that
/// is gone, which would keep any new trigger blocked, are cleared first (<see cref="StaleFirings"/>).
/// </summary>
internal sealed partial class JobRescuer(CantusStore store, ISchedulerFactory schedulers, JobSettings settings, ILogger<JobRescuer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.RescueInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await RescueAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: schedules again every silent job with no waiting trigger; returns how many.</summary>
    public async Task<int> RescueAsync(CancellationToken cancellationToken)
    {
        try
        {
            var silent = await store.TrainingJobs.ListSilentAsync(settings.RescueAfter, cancellationToken).ConfigureAwait(false);
            if (silent.Count == 0) return 0;
            var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
            var rescued = 0;
            foreach (var id in silent)
            {
                var key = new JobKey(id, TrainingJobRunner.Group);
                if (await HasWaitingTriggerAsync(scheduler, key, cancellationToken).ConfigureAwait(false)) continue;
                // Nothing will run it. Firings of a run that is gone would keep any trigger of it blocked: clear them first.
                var firings = await StaleFirings.ClearAsync(store.Database, scheduler.SchedulerName, key, cancellationToken).ConfigureAwait(false);
                if (!await HasWaitingTriggerAsync(scheduler, key, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var t in await scheduler.GetTriggersOfJob(key, cancellationToken).ConfigureAwait(false))
                        await scheduler.UnscheduleJob(t.Key, cancellationToken).ConfigureAwait(false); // completed, in error: they will never fire
                    await TrainingJobs.EnqueueAsync(scheduler, id, cancellationToken).ConfigureAwait(false);
                }
                LogRescued(logger, id, settings.RescueAfter.TotalSeconds, firings);
                rescued++;
            }
            return rescued;
        }
        catch (Exception ex) when (Errors.ErrorClassifier.Classify(ex, out _) == Errors.ErrorKind.Unavailable)
        {
            return 0; // the database is away: the next pass tries again
        }
    }

    private static async Task<bool> HasWaitingTriggerAsync(IScheduler scheduler, JobKey key, CancellationToken cancellationToken)
    {
        foreach (var t in await scheduler.GetTriggersOfJob(key, cancellationToken).ConfigureAwait(false))
            if (await scheduler.GetTriggerState(t.Key, cancellationToken).ConfigureAwait(false) is TriggerState.Normal) return true;
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training job {JobId}: no run has written for {Seconds} s and no trigger waits; scheduled again, after clearing {Firings} stale firing(s) (it resumes from its last checkpoint).")]
    private static partial void LogRescued(ILogger logger, string jobId, double seconds, int firings);
}
