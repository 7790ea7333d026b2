namespace Cantus.Service.Storage.Training;

/// <summary>
/// Where a training job is: queued → preparing → training → evaluating → completed | failed |
/// canceled; a canceled or failed job can be queued again (resumed). Stored as the lower-case name.
/// </summary>
public enum TrainingJobState
{
    /// <summary>Waiting for a worker.</summary>
    Queued,

    /// <summary>A run took it and is loading the dataset and the last checkpoint.</summary>
    Preparing,

    /// <summary>Iterating; progress, losses and metrics are written as it goes.</summary>
    Training,

    /// <summary>Calibrating and evaluating on the valid split.</summary>
    Evaluating,

    /// <summary>Finished; its model is stored.</summary>
    Completed,

    /// <summary>Stopped by an error; can be resumed.</summary>
    Failed,

    /// <summary>Stopped on request; its last checkpoint is kept; can be resumed.</summary>
    Canceled,
}
