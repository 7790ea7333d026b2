using System.Text.Json;
using Cantus.Gan;
using Cantus.Gan.Evaluation;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Evaluation;

/// <summary>
/// Evaluations kept in the store: measure a model (sample or the owner's) on a dataset split
/// against Bach and a naive baseline, keep the report, list a model's evaluations, get one
/// (to compare two models side by side).
/// </summary>
public sealed class EvaluationLibrary
{
    /// <summary>Most windows one evaluation may accompany (a limit on the work a request can ask for).</summary>
    public const int MaxWindows = 5000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly CantusStore _store;
    private readonly ModelLibrary _models;
    private readonly DatasetLibrary _datasets;

    /// <summary>Creates the use case.</summary>
    public EvaluationLibrary(CantusStore store, ModelLibrary models, DatasetLibrary datasets)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));
    }

    /// <summary>Evaluates and keeps the report.</summary>
    /// <exception cref="CantusException">InvalidOptions; NotFound (model); Conflict (dataset not there yet).</exception>
    public async Task<EvaluationView> RunAsync(string ownerId, string modelName, EvaluationOptions options, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options with { MaxWindows = options.MaxWindows ?? 600 };
        CantusException.Check(options.Validate);
        if (options.MaxWindows > MaxWindows) throw CantusException.Invalid($"An evaluation accompanies at most {MaxWindows} windows, not {options.MaxWindows}.", "maxWindows");
        if (!await _datasets.ExistsAsync(ownerId, options.Dataset, cancellationToken).ConfigureAwait(false))
            throw CantusException.Conflict($"The dataset '{options.Dataset}' is not there yet: download or import it first.");
        var model = await _models.LoadAsync(ownerId, ModelRef.Named(modelName), cancellationToken).ConfigureAwait(false);
        var row = await _models.RecordOfAsync(ownerId, modelName, cancellationToken).ConfigureAwait(false);
        var dataset = await _datasets.RecordOfAsync(ownerId, options.Dataset, cancellationToken).ConfigureAwait(false);
        EvaluationReport report;
        await model.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            report = await Task.Run(() => Evaluator.Evaluate(model.Model, options, model.Name, _datasets.Resolver(ownerId), progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw CantusException.FromArgument(ex);
        }
        finally
        {
            model.Gate.Release();
        }
        var stored = await _store.Evaluations.CreateAsync(new EvaluationRecord
        {
            ModelId = row.Id,
            OwnerId = ownerId,
            DatasetId = dataset.Id,
            DatasetName = options.Dataset,
            Split = report.Split,
            Options = JsonSerializer.Serialize(new { options.Hop, options.Seed, options.Raw, options.Threshold, options.KeyPenalty, options.MaxWindows }, Json),
            Report = report.ToJson(),
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return View(stored, modelName);
    }

    /// <summary>The owner's evaluations of a model, newest first.</summary>
    public async Task<IReadOnlyList<EvaluationView>> ListAsync(string ownerId, string modelName, CancellationToken cancellationToken = default)
    {
        var model = await _models.RecordOfAsync(ownerId, modelName, cancellationToken).ConfigureAwait(false);
        var rows = await _store.Evaluations.ListAsync(ownerId, model.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows.Select(r => View(r, modelName)).ToList();
    }

    /// <summary>One of the owner's evaluations.</summary>
    public async Task<EvaluationView> GetAsync(string ownerId, string id, CancellationToken cancellationToken = default)
    {
        var row = await _store.Evaluations.GetAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw CantusException.NotFound($"There is no evaluation '{id}'.");
        var model = await _store.Models.GetAsync(ownerId, row.ModelId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return View(row, model?.Name ?? row.ModelId);
    }

    private static EvaluationView View(EvaluationRecord row, string model)
    {
        using var doc = JsonDocument.Parse(row.Report);
        var report = doc.RootElement.Clone();
        var headline = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var key in new[] { "similarityIndex", "baselineSimilarityIndex", "bachTrainSimilarityIndex" })
            if (report.TryGetProperty(key, out var v)) headline[key] = v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        return new EvaluationView(row.Id, model, row.DatasetName, row.Split, headline, report, row.CreatedAt);
    }
}
