using Cantus.Gan.Networks;
using Cantus.Gan.Training;

namespace Cantus.Service.Jobs;

/// <summary>A training job as its owner sees it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name (and the name of the model it makes).</param>
/// <param name="State">queued, preparing, training, evaluating, completed, failed or canceled.</param>
/// <param name="Progress">Iterations done and planned, and the time left.</param>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="BaseModel">The base model's id, when it started from one.</param>
/// <param name="Training">The hyperparameters (model.json's training block).</param>
/// <param name="Architecture">The networks' sizes (model.json's architecture block).</param>
/// <param name="CancelRequested">True once a cancel was asked for and the run has not stopped yet.</param>
/// <param name="Attempts">Runs so far (a resumed or taken-over job has several).</param>
/// <param name="Error">Why it failed, in words.</param>
/// <param name="ResultModel">The model it made, once completed.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="StartedAt">When a worker first took it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record TrainingJobView(
    string Id, string Name, string State, TrainingJobProgress Progress, string Dataset, string? BaseModel,
    TrainingOptions Training, GanArchitecture Architecture, bool CancelRequested, int Attempts, string? Error, string? ResultModel,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt);
