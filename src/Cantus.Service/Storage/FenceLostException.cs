namespace Cantus.Service.Storage;

/// <summary>
/// A training run wrote with a fencing token that no longer owns its job: another run took
/// the job over, or the job finished or was deleted. Nothing was written; the run must stop.
/// </summary>
public sealed class FenceLostException : Exception
{
    /// <summary>A lost fence; the message says who owns the job now.</summary>
    public FenceLostException(string jobId, string message) : base(message) => JobId = jobId;

    /// <summary>The job the run was writing to.</summary>
    public string JobId { get; }
}
