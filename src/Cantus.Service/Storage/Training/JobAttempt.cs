namespace Cantus.Service.Storage.Training;

/// <summary>One run of a training job (table <c>job_attempts</c>): who claimed it at which fencing epoch, from where it resumed, how far it got.</summary>
public sealed record JobAttempt
{
    /// <summary>The fencing epoch the run held (1 for the first run).</summary>
    public required int Epoch { get; init; }

    /// <summary>The worker that ran it (host name and process id).</summary>
    public required string Worker { get; init; }

    /// <summary>When it claimed the job.</summary>
    public DateTimeOffset ClaimedAt { get; init; }

    /// <summary>The checkpoint's iteration it resumed from, or null when it started afresh.</summary>
    public int? ResumedFrom { get; init; }

    /// <summary>The last iteration it reported.</summary>
    public int LastIteration { get; init; }
}
