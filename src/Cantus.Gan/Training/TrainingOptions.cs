using Cantus.Music.Datasets;

namespace Cantus.Gan.Training;

/// <summary>
/// Hyperparameters and data selection of a WGAN-GP training run. Defaults are the DeepComposer
/// lab's (gan/GAN.ipynb): 1000 iterations, batch 64, Adam(1e-3, β 0.5, 0.9) for both networks,
/// 5 critic updates per generator update, gradient-penalty weight 10, melody in track 0,
/// checkpoints and samples every 50 iterations; data: JSB chorales, train split, 2-bar windows
/// (32 steps) every bar, no transposition.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Generator updates to run (default 1000).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>
    /// When set, the run length in epochs instead: <see cref="Iterations"/> becomes
    /// ⌈epochs × training windows ÷ <see cref="BatchSize"/>⌉ (one epoch = as many generator
    /// batches as there are untransposed windows), fixed when the run starts.
    /// </summary>
    public double? Epochs { get; init; }

    /// <summary>Samples per batch (default 64).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam learning rate of the generator (default 1e-3).</summary>
    public float GeneratorLearningRate { get; init; } = 1e-3f;

    /// <summary>Adam learning rate of the critic (default 1e-3).</summary>
    public float CriticLearningRate { get; init; } = 1e-3f;

    /// <summary>Adam β₁ (default 0.5).</summary>
    public float Beta1 { get; init; } = 0.5f;

    /// <summary>Adam β₂ (default 0.9).</summary>
    public float Beta2 { get; init; } = 0.9f;

    /// <summary>Critic updates per generator update, the lab's "update ratio" (default 5).</summary>
    public int CriticSteps { get; init; } = 5;

    /// <summary>λ, weight of the gradient penalty (default 10).</summary>
    public float GradientPenaltyWeight { get; init; } = 10f;

    /// <summary>The track given to the generator as the melody (default 0, the soprano).</summary>
    public int ConditionTrack { get; init; }

    /// <summary>Seed of initial weights, batches, noise and interpolation factors (default 0).</summary>
    public ulong Seed { get; init; }

    /// <summary>Dataset: <c>jsb-chorales</c>, a Jsb16thSeparated.json file, or a folder of MIDI files.</summary>
    public string Dataset { get; init; } = "jsb-chorales";

    /// <summary>Tags a MIDI-folder dataset must carry (empty: any).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Split to train on (default train).</summary>
    public DatasetSplit Split { get; init; } = DatasetSplit.Train;

    /// <summary>Steps between window starts (default 16, one bar).</summary>
    public int Hop { get; init; } = 16;

    /// <summary>Transposition augmentation: none, all, or ±k semitones (default none).</summary>
    public Transposition Transposition { get; init; } = Transposition.None;

    /// <summary>Iterations between checkpoints, sample pictures and metrics (default 50).</summary>
    public int CheckpointEvery { get; init; } = 50;

    /// <summary>Checkpoints kept on disk, the newest ones (default 3).</summary>
    public int KeepCheckpoints { get; init; } = 3;

    /// <summary>Iterations between metric-suite evaluations (default 50; the lab also evaluated every iteration for the first 100).</summary>
    public int MetricsEvery { get; init; } = 50;

    /// <summary>Fixed evaluation melodies (windows of the test split) used for metrics (default 64).</summary>
    public int EvaluationSamples { get; init; } = 64;

    /// <summary>Fixed samples drawn into the per-checkpoint piano roll and MIDI (default 4).</summary>
    public int PreviewSamples { get; init; } = 4;

    /// <summary>Largest batch accepted by <see cref="Validate"/>.</summary>
    public const int MaxBatchSize = 4096;

    /// <summary>Checks ranges. Messages are sentences for people; <see cref="ArgumentException.ParamName"/> is the field's JSON name (e.g. <c>batchSize</c>).</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        static void Range(int v, int max, string field, string what)
        {
            if (v < 1 || v > max) throw new ArgumentException($"The {what} must be 1..{max}, not {v}.", field);
        }
        Range(Iterations, 10_000_000, "iterations", "number of iterations");
        if (Epochs is double e && !(e > 0 && e <= 1e6)) throw new ArgumentException($"The number of epochs must be above 0 and at most 1000000, not {e}.", "epochs");
        Range(BatchSize, MaxBatchSize, "batchSize", "batch size");
        Range(CriticSteps, 100, "criticSteps", "number of critic steps per generator step");
        Range(Hop, 4096, "hop", "hop between windows");
        Range(CheckpointEvery, 10_000_000, "checkpointEvery", "checkpoint interval");
        Range(KeepCheckpoints, 10_000, "keepCheckpoints", "number of checkpoints kept");
        Range(MetricsEvery, 10_000_000, "metricsEvery", "metrics interval");
        Range(EvaluationSamples, 4096, "evaluationSamples", "number of evaluation samples");
        if (PreviewSamples < 1 || PreviewSamples > EvaluationSamples)
            throw new ArgumentException($"The number of preview samples must be 1..{EvaluationSamples} (the evaluation samples), not {PreviewSamples}.", "previewSamples");
        if (!(GeneratorLearningRate > 0 && GeneratorLearningRate <= 1)) throw new ArgumentException($"The generator's learning rate must be above 0 and at most 1, not {GeneratorLearningRate}.", "generatorLearningRate");
        if (!(CriticLearningRate > 0 && CriticLearningRate <= 1)) throw new ArgumentException($"The critic's learning rate must be above 0 and at most 1, not {CriticLearningRate}.", "criticLearningRate");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentException($"Adam's beta1 must be in [0, 1), not {Beta1}.", "beta1");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException($"Adam's beta2 must be in [0, 1), not {Beta2}.", "beta2");
        if (!(GradientPenaltyWeight >= 0 && GradientPenaltyWeight <= 1e6)) throw new ArgumentException($"The gradient-penalty weight must be 0..1000000, not {GradientPenaltyWeight}.", "gradientPenaltyWeight");
        if (ConditionTrack is < 0 or > 15) throw new ArgumentException($"The melody (condition) track must be 0..15, not {ConditionTrack}.", "conditionTrack");
        if (string.IsNullOrWhiteSpace(Dataset)) throw new ArgumentException("Name a dataset to train on.", "dataset");
        if (!Enum.IsDefined(Split)) throw new ArgumentException("The split must be train, valid or test.", "split");
        ArgumentNullException.ThrowIfNull(Transposition, "transposition");
        ArgumentNullException.ThrowIfNull(Tags, "tags");
    }
}
