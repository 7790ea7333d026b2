namespace Cantus.Service.Storage.Training;

/// <summary>The error that ended one attempt at a job (table <c>job_attempt_errors</c>).</summary>
public sealed record JobAttemptError
{
    /// <summary>The attempt (1 for the first run).</summary>
    public required int Attempt { get; init; }

    /// <summary>What went wrong.</summary>
    public required string Error { get; init; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset At { get; init; }
}
