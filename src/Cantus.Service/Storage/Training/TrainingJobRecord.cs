namespace Cantus.Service.Storage.Training;

/// <summary>
/// A training job (table <c>training_jobs</c>): what to train, where it is, and which run owns
/// it (<see cref="Fence"/>, <see cref="FenceEpoch"/>). Its time series are in their own tables.
/// </summary>
public sealed record TrainingJobRecord
{
    /// <summary>The id; left empty on create, the store assigns one.</summary>
    public string Id { get; init; } = "";

    /// <summary>The user it belongs to.</summary>
    public required string OwnerId { get; init; }

    /// <summary>The name of the model it will make.</summary>
    public required string Name { get; init; }

    /// <summary>The model whose recipe it starts from, if any (null as well once that model is deleted).</summary>
    public string? BaseModelId { get; init; }

    /// <summary>The dataset it trains on (null only once that dataset is deleted after the job finished).</summary>
    public string? DatasetId { get; init; }

    /// <summary>The dataset filtering tags, a JSON array.</summary>
    public string Tags { get; init; } = "[]";

    /// <summary>The training options, JSON.</summary>
    public string Hyperparameters { get; init; } = "{}";

    /// <summary>The architecture, JSON.</summary>
    public string Architecture { get; init; } = "{}";

    /// <summary>Where it is in the state machine.</summary>
    public TrainingJobState State { get; init; }

    /// <summary>The last iteration reported.</summary>
    public int Iteration { get; init; }

    /// <summary>The iterations it will run.</summary>
    public int Iterations { get; init; }

    /// <summary>The estimated seconds left, while training.</summary>
    public int? EtaSeconds { get; init; }

    /// <summary>True once a cancel was asked for; the run checks it.</summary>
    public bool CancelRequested { get; init; }

    /// <summary>The fencing token of the run that owns the job; null when no run does.</summary>
    public string? Fence { get; init; }

    /// <summary>How many runs have taken the job over.</summary>
    public int FenceEpoch { get; init; }

    /// <summary>How many runs have started on it (each take-over is one attempt).</summary>
    public int Attempts { get; init; }

    /// <summary>Why it failed, for a musician.</summary>
    public string? Error { get; init; }

    /// <summary>The model it made, once completed.</summary>
    public string? ResultModelId { get; init; }

    /// <summary>When it was queued (set by the store).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a run first took it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it last changed (progress included).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it reached completed, failed or canceled.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
