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

    /// <summary>Split to train on: train, valid or test (default train).</summary>
    public string Split { get; init; } = "train";

    /// <summary>Steps between window starts (default 16, one bar).</summary>
    public int Hop { get; init; } = 16;

    /// <summary>Transposition augmentation: "none", "all" or a number k for ±k semitones (default none).</summary>
    public string Transposition { get; init; } = "none";

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

    /// <summary>Checks ranges.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        static void Positive(int v, string name)
        {
            if (v < 1) throw new ArgumentException($"{name} must be positive, not {v}.");
        }
        Positive(Iterations, nameof(Iterations));
        if (Epochs is double e && !(e > 0 && e <= 1e6)) throw new ArgumentException($"Epochs must be positive, not {e}.");
        Positive(BatchSize, nameof(BatchSize));
        Positive(CriticSteps, nameof(CriticSteps));
        Positive(Hop, nameof(Hop));
        Positive(CheckpointEvery, nameof(CheckpointEvery));
        Positive(KeepCheckpoints, nameof(KeepCheckpoints));
        Positive(MetricsEvery, nameof(MetricsEvery));
        Positive(EvaluationSamples, nameof(EvaluationSamples));
        if (PreviewSamples < 1 || PreviewSamples > EvaluationSamples) throw new ArgumentException($"PreviewSamples must be 1..EvaluationSamples, not {PreviewSamples}.");
        if (!(GeneratorLearningRate > 0) || !(CriticLearningRate > 0)) throw new ArgumentException("Learning rates must be positive.");
        if (!(Beta1 >= 0 && Beta1 < 1) || !(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException("Adam betas must be in [0, 1).");
        if (!(GradientPenaltyWeight >= 0)) throw new ArgumentException("The gradient-penalty weight must be ≥ 0.");
        if (ConditionTrack < 0) throw new ArgumentException("The condition track must be ≥ 0.");
        if (Split is not ("train" or "valid" or "test")) throw new ArgumentException($"Split must be train, valid or test, not '{Split}'.");
        TranspositionParser.Parse(Transposition);
    }
}
