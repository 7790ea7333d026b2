using Cantus.Gan;
using Cantus.Gan.Training;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;

namespace Cantus.Service.Training;

/// <summary>
/// The train use case: create or resume a run, train it to its last iteration (or until
/// canceled: the current iteration ends and a checkpoint is written), then calibrate the
/// clean-up of its model on the valid split.
/// </summary>
public sealed class TrainModel
{
    private readonly IDatasetResolver _datasets;

    /// <summary>Creates the use case; runs find their datasets through <paramref name="datasets"/>.</summary>
    public TrainModel(IDatasetResolver datasets) => _datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));

    /// <summary>Starts a new run (validated, data loaded, run record written) without training yet.</summary>
    /// <exception cref="CantusException">InvalidOptions; Conflict: the store already holds something; NotFound: no such dataset.</exception>
    /// <exception cref="InvalidDataException">The dataset gives no usable windows.</exception>
    public TrainingSession Start(TrainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Run.HasContent)
            throw CantusException.Conflict($"'{request.Run.Location}' already holds something: resume the run it holds, or start the new one elsewhere.");
        return TrainingSession.Create(request.Run, request.Options, request.Architecture, _datasets, cancellationToken);
    }

    /// <summary>Reopens a run at its last checkpoint.</summary>
    /// <exception cref="CantusException">InvalidOptions; NotFound: the store holds no run.</exception>
    /// <exception cref="InvalidDataException">The dataset changed since the run started.</exception>
    public TrainingSession Resume(ResumeTrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Run.ReadInfo() is null) throw CantusException.NotFound($"'{request.Run.Location}' holds no training run to resume.");
        return TrainingSession.Resume(request.Run, _datasets, request.Iterations, request.GeneratorLearningRate, request.CriticLearningRate, cancellationToken);
    }

    /// <summary>
    /// Trains <paramref name="session"/> to its last iteration, reporting every iteration, then (when
    /// <paramref name="calibrate"/> and not canceled) calibrates its model's clean-up.
    /// </summary>
    public TrainResult Run(TrainingSession session, bool calibrate, IProgress<TrainingProgress>? progress = null,
        IProgress<WorkProgress>? calibrationProgress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Run(progress, cancellationToken);
        var stopped = cancellationToken.IsCancellationRequested;
        var iterations = session.Info.Options.Iterations;
        if (!calibrate) return new TrainResult(session.Iteration, iterations, stopped, null, null);
        if (stopped) return new TrainResult(session.Iteration, iterations, stopped, null, "training was stopped before the end");
        var calibration = session.CalibrateCleanup(progress: calibrationProgress, cancellationToken: cancellationToken);
        return new TrainResult(session.Iteration, iterations, stopped, calibration,
            calibration is null ? "the dataset has no valid split to calibrate on" : null);
    }
}
