using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;

namespace Cantus.Service.Jobs;

/// <summary>
/// A training job as a client asks for it. The fields carry the names of model.json's
/// <c>training</c> and <c>architecture</c> blocks; an omitted field takes the base model's recipe
/// when <see cref="BaseModel"/> is given, else the lab's default.
/// </summary>
public sealed record TrainingJobRequest
{
    /// <summary>A name for the job and the model it makes (default: the dataset and the time).</summary>
    public string? Name { get; init; }

    /// <summary>A model whose recipe (training options and architecture) is the starting point.</summary>
    public string? BaseModel { get; init; }

    /// <summary>The dataset's name (jsb-chorales or an imported dataset).</summary>
    public string? Dataset { get; init; }

    /// <summary>Tags the dataset must carry.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

#pragma warning disable CS1591 // the fields are model.json's, documented in docs/api.md and in TrainingOptions / GanArchitecture
    public int? Iterations { get; init; }
    public double? Epochs { get; init; }
    public int? BatchSize { get; init; }
    public float? GeneratorLearningRate { get; init; }
    public float? CriticLearningRate { get; init; }
    public float? Beta1 { get; init; }
    public float? Beta2 { get; init; }
    public int? CriticSteps { get; init; }
    public float? GradientPenaltyWeight { get; init; }
    public int? ConditionTrack { get; init; }
    public ulong? Seed { get; init; }
    public string? Split { get; init; }
    public int? Hop { get; init; }
    public string? Transposition { get; init; }
    public int? CheckpointEvery { get; init; }
    public int? KeepCheckpoints { get; init; }
    public int? MetricsEvery { get; init; }
    public int? EvaluationSamples { get; init; }
    public int? PreviewSamples { get; init; }
    public int? Filters { get; init; }
    public int? CriticFilters { get; init; }
    public int? ConditionOctaves { get; init; }
    public int? Tracks { get; init; }
    public int? Steps { get; init; }
    public int? LowestPitch { get; init; }
    public int? Pitches { get; init; }
    public int? LatentChannels { get; init; }
#pragma warning restore CS1591

    /// <summary>The options and architecture this request means, over <paramref name="recipe"/> (a base model's configuration) or the lab's defaults; validated.</summary>
    /// <exception cref="CantusException">InvalidOptions naming the field.</exception>
    public (TrainingOptions Options, GanArchitecture Architecture) Resolve(ModelConfig? recipe)
    {
        var o = recipe?.Training ?? new TrainingOptions();
        var a = recipe?.Architecture ?? GanArchitecture.Lab;
        var options = o with
        {
            Iterations = Iterations ?? o.Iterations,
            Epochs = Epochs ?? (Iterations is null ? o.Epochs : null),
            BatchSize = BatchSize ?? o.BatchSize,
            GeneratorLearningRate = GeneratorLearningRate ?? o.GeneratorLearningRate,
            CriticLearningRate = CriticLearningRate ?? o.CriticLearningRate,
            Beta1 = Beta1 ?? o.Beta1,
            Beta2 = Beta2 ?? o.Beta2,
            CriticSteps = CriticSteps ?? o.CriticSteps,
            GradientPenaltyWeight = GradientPenaltyWeight ?? o.GradientPenaltyWeight,
            ConditionTrack = ConditionTrack ?? o.ConditionTrack,
            Seed = Seed ?? o.Seed,
            Dataset = (Dataset ?? (recipe is null ? o.Dataset : o.Dataset)).Trim(),
            Tags = Tags ?? o.Tags,
            Split = Split is null ? o.Split : OptionValues.Split(Split),
            Hop = Hop ?? o.Hop,
            Transposition = Transposition is null ? o.Transposition : OptionValues.Transposition(Transposition),
            CheckpointEvery = CheckpointEvery ?? o.CheckpointEvery,
            KeepCheckpoints = KeepCheckpoints ?? o.KeepCheckpoints,
            MetricsEvery = MetricsEvery ?? o.MetricsEvery,
            EvaluationSamples = EvaluationSamples ?? o.EvaluationSamples,
            PreviewSamples = PreviewSamples ?? Math.Min(o.PreviewSamples, EvaluationSamples ?? o.EvaluationSamples),
        };
        var architecture = a with
        {
            Filters = Filters ?? a.Filters,
            CriticFilters = CriticFilters ?? a.CriticFilters,
            ConditionOctaves = ConditionOctaves ?? a.ConditionOctaves,
            Tracks = Tracks ?? a.Tracks,
            Steps = Steps ?? a.Steps,
            LowestPitch = LowestPitch ?? a.LowestPitch,
            Pitches = Pitches ?? a.Pitches,
            LatentChannels = LatentChannels ?? a.LatentChannels,
        };
        if (Name is { } name && (name.Length is 0 or > 64 || !Music.Datasets.DatasetCatalog.IsValidName(name)))
            throw CantusException.Invalid($"A job's name is 1–64 lower-case letters, digits, '.', '_' or '-' (it names the model it makes); '{name}' is not.", "name");
        if (!DatasetCatalog.IsValidName(options.Dataset)) throw CantusException.Invalid($"'{options.Dataset}' is not a dataset name.", "dataset");
        CantusException.Check(options.Validate);
        CantusException.Check(architecture.Validate);
        if (options.ConditionTrack >= architecture.Tracks)
            throw CantusException.Invalid($"The melody track {options.ConditionTrack} is outside the {architecture.Tracks} tracks.", "conditionTrack");
        return (options, architecture);
    }
}
