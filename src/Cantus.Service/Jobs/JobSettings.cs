namespace Cantus.Service.Jobs;

/// <summary>How training jobs are scheduled and run (configuration section <c>Cantus:Jobs</c>).</summary>
public sealed record JobSettings
{
    /// <summary>Training jobs one worker runs at once (default 1: training already uses every core).</summary>
    public int WorkerConcurrency { get; init; } = 1;

    /// <summary>How often a clustered worker records that it is alive (PostgreSQL; default 5 s).</summary>
    public TimeSpan CheckinInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long past a missed check-in before another worker takes a dead worker's jobs over (default 15 s).</summary>
    public TimeSpan CheckinMisfireThreshold { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an idle worker looks for work (default 1 s, Quartz's minimum).</summary>
    public TimeSpan IdleWaitTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often progress (iteration, ETA, losses) is written while training (default 1 s).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a running job looks at its cancel flag in the store (default 1 s).</summary>
    public TimeSpan CancelPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Queued or running training jobs one user may have at once (default 2).</summary>
    public int MaxActiveJobsPerUser { get; init; } = 2;

    /// <summary>Attempts at a job whose failures are transient (database briefly unavailable) before it fails (default 5; backoff attempt⁴ seconds, at most 60).</summary>
    public int MaxTransientAttempts { get; init; } = 5;

    /// <summary>Windows of the valid split the clean-up is calibrated on at the end (default 600).</summary>
    public int CalibrationWindows { get; init; } = 600;

    /// <summary>How often a worker looks for jobs whose run went silent (default 30 s).</summary>
    public TimeSpan RescueInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an unfinished job may go without any write before a worker schedules it again (default 2 min; longer than any quiet stretch of a live run, e.g. calibration).</summary>
    public TimeSpan RescueAfter { get; init; } = TimeSpan.FromMinutes(2);
}
