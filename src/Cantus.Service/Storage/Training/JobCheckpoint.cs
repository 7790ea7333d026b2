namespace Cantus.Service.Storage.Training;

/// <summary>A checkpoint a run can resume from (table <c>job_checkpoints</c>).</summary>
public sealed record JobCheckpoint
{
    /// <summary>The iteration it was taken at.</summary>
    public required int Iteration { get; init; }

    /// <summary>The SHA-256 of the checkpoint blob.</summary>
    public required string BlobSha256 { get; init; }

    /// <summary>When it was stored (set by the store).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
