using Cantus.Gan;
using Cantus.Gan.Evaluation;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Models;

namespace Cantus.Service.Evaluation;

/// <summary>
/// The evaluate use case: measure a model against Bach and a naive baseline on a dataset split,
/// or calibrate its clean-up on a held-out split; optionally record the outcome in its model.json.
/// </summary>
public sealed class EvaluateModel
{
    private readonly ModelLibrary _models;
    private readonly IDatasetResolver _datasets;

    /// <summary>Creates the use case.</summary>
    public EvaluateModel(ModelLibrary models, IDatasetResolver datasets)
    {
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));
    }

    /// <summary>Evaluates; with <see cref="EvaluateRequest.Record"/> stores the headline figures in model.json.</summary>
    /// <exception cref="CantusException">InvalidOptions; NotFound (model, dataset); Conflict: recording into a read-only sample model.</exception>
    /// <exception cref="InvalidDataException">The split gives no windows.</exception>
    public async Task<EvaluationReport> EvaluateAsync(EvaluateRequest request, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var model = await _models.LoadAsync(request.OwnerId, request.Model, cancellationToken).ConfigureAwait(false);
        if (request.Record) EnsureWritable(model);
        var report = Guard(() => Evaluator.Evaluate(model.Model, request.Options, model.Name, _datasets, progress, cancellationToken));
        if (request.Record) await _models.RecordAsync(request.OwnerId, model, model.Model.Config with { Evaluation = report.Headline() }, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Chooses the clean-up settings on the request's split (never test); with <see cref="EvaluateRequest.Record"/> stores them in model.json.</summary>
    /// <exception cref="CantusException">InvalidOptions (the test split, raw output); NotFound; Conflict: recording into a read-only sample model.</exception>
    public async Task<CalibrationResult> CalibrateAsync(EvaluateRequest request, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var model = await _models.LoadAsync(request.OwnerId, request.Model, cancellationToken).ConfigureAwait(false);
        if (request.Record) EnsureWritable(model);
        var result = Guard(() => CleanupCalibration.Calibrate(model.Model, request.Options, _datasets, progress, cancellationToken));
        if (request.Record) await _models.RecordAsync(request.OwnerId, model, model.Model.Config with { Cleanup = result.Chosen }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static void EnsureWritable(LoadedModel model)
    {
        if (model.IsReadOnly)
            throw CantusException.Conflict($"'{model.Name}' is a sample model and is not changed; clone it to record figures of your own.");
    }

    private static T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ArgumentException ex)
        {
            throw CantusException.FromArgument(ex);
        }
    }
}
