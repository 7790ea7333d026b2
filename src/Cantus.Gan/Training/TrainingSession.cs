using Cantus.Gan.Evaluation;
using System.Diagnostics;
using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Music.Datasets;
using Cantus.Tensors;
using Cantus.Tensors.Optim;

namespace Cantus.Gan.Training;

/// <summary>
/// A WGAN-GP training run kept in an <see cref="IRunStore"/> (a <see cref="RunFolder"/> or a
/// service's store): start one with <c>Create</c>, continue one with <c>Resume</c>,
/// then <see cref="Run"/>. Every <see cref="TrainingOptions.CheckpointEvery"/> iterations (and at
/// the end, and when canceled) it writes an atomic checkpoint, the preview samples and the model.
/// A resumed run continues bit for bit as if it had not stopped (same thread count).
/// </summary>
public sealed class TrainingSession
{
    private readonly IRunStore _run;
    private readonly RunInfo _info;
    private readonly TrainingData _data;
    private readonly Generator _generator;
    private readonly Critic _critic;
    private readonly Adam _optG;
    private readonly Adam _optD;
    private readonly CheckpointStore _checkpoints;
    private readonly TrainingMonitor _monitor;
    private readonly WganGp _steps;
    private readonly IDatasetResolver _datasets;
    private CleanupSettings? _cleanup;

    private TrainingSession(IRunStore run, RunInfo info, TrainingData data, IDatasetResolver datasets)
    {
        _datasets = datasets;
        _run = run;
        _info = info;
        _data = data;
        var a = info.Architecture;
        var init = new SeededRandom(info.Options.Seed);
        _generator = new Generator(a, init);
        _critic = new Critic(a, init);
        var o = info.Options;
        _optG = new Adam(_generator.NamedParameters(), o.GeneratorLearningRate, o.Beta1, o.Beta2);
        _optD = new Adam(_critic.NamedParameters(), o.CriticLearningRate, o.Beta1, o.Beta2);
        _checkpoints = new CheckpointStore(run, o.KeepCheckpoints);
        _monitor = new TrainingMonitor(data, a, o, info.VoiceNames);
        _steps = new WganGp(_generator, _critic, _optG, _optD, o, data.Train);
    }

    /// <summary>The run's record (run.json).</summary>
    public RunInfo Info => _info;

    /// <summary>Iterations completed.</summary>
    public long Iteration { get; private set; }

    /// <summary>Where the run is kept.</summary>
    public IRunStore Store => _run;

    /// <summary>Starts a new run in folder <paramref name="runDirectory"/>, with datasets resolved by <see cref="DatasetSource"/> (see the other overload).</summary>
    public static TrainingSession Create(string runDirectory, TrainingOptions options, GanArchitecture architecture, string? dataDirectory = null) =>
        Create(new RunFolder(runDirectory), options, architecture, new DatasetSource(dataDirectory));

    /// <summary>
    /// Starts a new run in <paramref name="store"/> (which must be empty): loads and windows the
    /// data, builds the networks from <paramref name="options"/>.Seed and writes the run's record.
    /// </summary>
    /// <exception cref="ArgumentException">Options or architecture are out of range (ParamName: the field's JSON name).</exception>
    /// <exception cref="InvalidOperationException">The store already holds a run.</exception>
    /// <exception cref="InvalidDataException">The dataset gives no usable windows.</exception>
    public static TrainingSession Create(IRunStore store, TrainingOptions options, GanArchitecture architecture, IDatasetResolver datasets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(datasets);
        options.Validate();
        architecture.Validate();
        if (options.ConditionTrack >= architecture.Tracks)
            throw new ArgumentException($"The melody track {options.ConditionTrack} is outside the {architecture.Tracks} tracks.", "conditionTrack");
        if (store.HasContent)
            throw new InvalidOperationException($"'{store.Location}' is not empty: resume the run it holds or start the new one elsewhere.");
        var data = TrainingData.Load(options, architecture, datasets, cancellationToken);
        if (options.Epochs is double epochs) options = options with { Iterations = IterationsFor(epochs, data.Train.Samples, options.BatchSize) };
        var names = VoiceNames(options, architecture);
        var info = new RunInfo(RunInfo.FormatName, options, architecture, names, data.Fingerprint, data.Train.Samples, data.Train.AugmentedCount,
            typeof(TrainingSession).Assembly.GetName().Version?.ToString() ?? "0", EngineSettings.ThreadCount, DateTimeOffset.UtcNow);
        store.WriteInfo(info);
        return new TrainingSession(store, info, data, datasets);
    }

    /// <summary>
    /// The iterations a new run of <paramref name="options"/> will make: <see cref="TrainingOptions.Iterations"/>,
    /// or with <see cref="TrainingOptions.Epochs"/> ⌈epochs × training windows ÷ batch size⌉, as
    /// <c>Create</c> fixes them (the dataset is then opened and its windows counted).
    /// </summary>
    /// <exception cref="InvalidDataException">The dataset gives no usable windows.</exception>
    public static int PlannedIterations(TrainingOptions options, GanArchitecture architecture, IDatasetResolver datasets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(datasets);
        return options.Epochs is double epochs
            ? IterationsFor(epochs, TrainingData.CountTrainingWindows(options, architecture, datasets, cancellationToken), options.BatchSize)
            : options.Iterations;
    }

    private static int IterationsFor(double epochs, int windows, int batchSize) => (int)Math.Clamp(Math.Ceiling(epochs * windows / batchSize), 1, int.MaxValue);

    /// <summary>Reopens the run in folder <paramref name="runDirectory"/>, with datasets resolved by <see cref="DatasetSource"/> (see the other overload).</summary>
    public static TrainingSession Resume(string runDirectory, string? dataDirectory = null, int? iterations = null, float? generatorLearningRate = null, float? criticLearningRate = null) =>
        Resume(new RunFolder(runDirectory), new DatasetSource(dataDirectory), iterations, generatorLearningRate, criticLearningRate);

    /// <summary>
    /// Reopens the run in <paramref name="store"/> at its newest readable checkpoint (weights,
    /// Adam state, batch-norm statistics, iteration; randomness is a function of seed and iteration).
    /// Log lines written after that checkpoint are dropped, as their iterations will run again.
    /// </summary>
    /// <exception cref="FileNotFoundException">The store holds no run.</exception>
    /// <exception cref="ModelFormatException">The run's record or every checkpoint is unreadable.</exception>
    /// <exception cref="InvalidDataException">The dataset changed since the run started.</exception>
    /// <param name="store">The run.</param>
    /// <param name="datasets">Resolves the run's dataset.</param>
    /// <param name="iterations">A new total number of iterations, if given.</param>
    /// <param name="generatorLearningRate">A new generator learning rate from here on (e.g. a decay for the last stretch); recorded in run.json.</param>
    /// <param name="criticLearningRate">A new critic learning rate from here on.</param>
    /// <param name="cancellationToken">Stops loading the data.</param>
    public static TrainingSession Resume(IRunStore store, IDatasetResolver datasets, int? iterations = null, float? generatorLearningRate = null, float? criticLearningRate = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(datasets);
        var run = store;
        var info = run.ReadInfo() ?? throw new FileNotFoundException($"'{store.Location}' holds no training run (no run record).");
        if (iterations is not null || generatorLearningRate is not null || criticLearningRate is not null)
        {
            var o = info.Options with
            {
                Iterations = iterations ?? info.Options.Iterations,
                GeneratorLearningRate = generatorLearningRate ?? info.Options.GeneratorLearningRate,
                CriticLearningRate = criticLearningRate ?? info.Options.CriticLearningRate,
            };
            o.Validate();
            info = info with { Options = o };
            run.WriteInfo(info);
        }
        var data = TrainingData.Load(info.Options, info.Architecture, datasets, cancellationToken);
        if (data.Fingerprint != info.DatasetFingerprint)
            throw new InvalidDataException($"The training data changed since the run started (fingerprint {data.Fingerprint[..12]}… vs {info.DatasetFingerprint[..Math.Min(12, info.DatasetFingerprint.Length)]}… in run.json).");
        var session = new TrainingSession(run, info, data, datasets);
        session.Iteration = session._checkpoints.LoadLatest(session._generator, session._critic, session._optG, session._optD) ?? 0;
        run.TruncateAfter(session.Iteration);
        return session;
    }

    /// <summary>The current networks as a model (shares the weights; the generator is switched to evaluation mode by the caller when needed).</summary>
    public GanModel CurrentModel() => new(ModelConfigFor(), _generator, _critic);

    /// <summary>
    /// Trains until <see cref="TrainingOptions.Iterations"/> (or <paramref name="stopAfter"/> more
    /// iterations), reporting after each iteration. On cancellation it finishes the current iteration,
    /// writes a checkpoint and returns (no exception).
    /// </summary>
    public void Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, long? stopAfter = null)
    {
        var o = _info.Options;
        var last = stopAfter is long s ? Math.Min(o.Iterations, Iteration + s) : o.Iterations;
        var clock = Stopwatch.StartNew();
        double average = 0;
        var done = 0;
        var saved = Iteration;
        if (Iteration == 0 && !_run.HasMetrics) Evaluate(0);
        while (Iteration < last && !cancellationToken.IsCancellationRequested)
        {
            var started = clock.Elapsed.TotalSeconds;
            _generator.Train();
            var losses = _steps.Run(Iteration);
            Iteration++;
            var seconds = clock.Elapsed.TotalSeconds - started;
            done++;
            average = done == 1 ? seconds : average * 0.9 + seconds * 0.1;
            _run.AppendLosses(Iteration, losses, seconds);
            MetricsSnapshot? snapshot = null;
            string? checkpoint = null;
            if (Iteration % o.MetricsEvery == 0 || Iteration == o.Iterations) snapshot = Evaluate(Iteration);
            if (Iteration % o.CheckpointEvery == 0 || Iteration == last || cancellationToken.IsCancellationRequested)
            {
                checkpoint = Checkpoint();
                saved = Iteration;
            }
            progress?.Report(new TrainingProgress(Iteration, o.Iterations, losses, o.BatchSize * (o.CriticSteps + 1) / Math.Max(seconds, 1e-9),
                clock.Elapsed, TimeSpan.FromSeconds(average * (o.Iterations - Iteration)), snapshot, checkpoint));
        }
        // Canceled while reporting: the last iterations are not lost.
        if (saved != Iteration) Checkpoint();
    }

    /// <summary>Writes a checkpoint, the preview samples and the model now; returns where the checkpoint is.</summary>
    public string Checkpoint()
    {
        var path = _checkpoints.Save(Iteration, _generator, _critic, _optG, _optD);
        _run.WriteSamples(Iteration, _monitor.Samples(_generator).Take(_info.Options.PreviewSamples).ToList());
        _run.WriteModel(CurrentModel());
        return path;
    }

    /// <summary>
    /// Chooses the clean-up settings of the run's model on the dataset's valid split
    /// (<see cref="CleanupCalibration"/>, at most <paramref name="maxWindows"/> windows) and
    /// stores them with the model; null when the dataset has no valid windows (the test
    /// split is never used for this).
    /// </summary>
    public CalibrationResult? CalibrateCleanup(int maxWindows = 600, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var options = new EvaluationOptions { Dataset = _info.Options.Dataset, Split = DatasetSplit.Valid, MaxWindows = maxWindows };
        CalibrationResult result;
        try
        {
            result = CleanupCalibration.Calibrate(CurrentModel(), options, _datasets, progress, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        _cleanup = result.Chosen;
        _run.WriteModelConfig(ModelConfigFor());
        return result;
    }

    private MetricsSnapshot Evaluate(long iteration)
    {
        var snapshot = _monitor.Measure(iteration, _monitor.Samples(_generator));
        _run.AppendMetrics(snapshot);
        return snapshot;
    }

    private ModelConfig ModelConfigFor() => new()
    {
        Architecture = _info.Architecture,
        VoiceNames = _info.VoiceNames,
        ConditionTrack = _info.Options.ConditionTrack,
        Training = _info.Options,
        Iterations = (int)Iteration,
        Cleanup = _cleanup,
    };

    private static IReadOnlyList<string> VoiceNames(TrainingOptions options, GanArchitecture a) =>
        string.Equals(options.Dataset, JsbChoralesLoader.DatasetName, StringComparison.OrdinalIgnoreCase) && a.Tracks == JsbChoralesLoader.VoiceNames.Count
            ? JsbChoralesLoader.VoiceNames
            : Enumerable.Range(0, a.Tracks).Select(k => k == options.ConditionTrack ? "melody" : $"voice {k}").ToList();
}
