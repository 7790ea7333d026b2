using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Jobs;
using Cantus.Service.Models;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Training;
using Cantus.Tensors;

namespace Cantus.Service.Training;

/// <summary>
/// Estimates how long a training job would take, measured rather than guessed. The request is
/// resolved and validated exactly as submitting it is. Completed jobs of the same architecture,
/// batch size and critic steps give the rate when there are any (their time from start to finish
/// per iteration); otherwise real training iterations of the architecture are timed on this
/// machine (<see cref="IterationProbe"/>: random windows of the right shape), at most about
/// <see cref="Budget"/> per new configuration, and the figure is kept for the life of the process.
/// A critic step and a generator step are timed apart (an iteration is the critic steps and one
/// generator step), from a batch of one sample per thread up to the requested batch while the
/// budget allows; a batch that does not fit is reached along the line through the two largest
/// batches timed (small batches use the cores poorly, so the larger the better). Networks with
/// more work per sample than the lab's are timed as a smaller copy (fewer steps, then narrower
/// layers) scaled by their multiply-adds. The sampling of the run's evaluations and checkpoints is timed too and added;
/// data loading and the final calibration are not. A figure measured while training jobs run is
/// said to be so and not kept.
/// </summary>
public sealed class TrainingEstimator
{
    /// <summary><see cref="TrainingEstimate.Basis"/> when completed jobs gave the rate.</summary>
    public const string PreviousRuns = "previous runs";

    /// <summary><see cref="TrainingEstimate.Basis"/> when training iterations were timed on this server.</summary>
    public const string Measured = "measured";

    /// <summary>The default time spent measuring a new configuration.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(3);

    private const int MaxTimedPairs = 8;
    private const double PairsPerSize = 4; // the budget a new batch size needs: step pairs run slower until the fresh memory is warm (about three)
    private const int EvaluationChunk = 16; // runs sample their evaluation melodies 16 at a time
    private const int MaxProbeCells = 1 << 24; // roll cells of a probe's batch: 64 MiB per tensor of it
    private readonly CantusStore _store;
    private readonly ModelLibrary _models;
    private readonly DatasetLibrary _datasets;
    private readonly ConcurrentDictionary<ProbeKey, Lazy<Task<Measurement>>> _measured = new();
    private readonly SemaphoreSlim _probing = new(1, 1); // one measurement at a time: two would slow each other down
    private int _probes;

    /// <summary>Creates the estimator; <paramref name="budget"/> bounds the measuring of one configuration (default <see cref="DefaultBudget"/>).</summary>
    public TrainingEstimator(CantusStore store, ModelLibrary models, DatasetLibrary datasets, TimeSpan? budget = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));
        Budget = budget ?? DefaultBudget;
        if (Budget <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(budget), "The measuring budget must be positive.");
    }

    /// <summary>About the longest time spent measuring one new configuration.</summary>
    public TimeSpan Budget { get; }

    /// <summary>Measurements made by this process: one per configuration, unless training ran while it was measured.</summary>
    public int Probes => Volatile.Read(ref _probes);

    /// <summary>How long the job <paramref name="request"/> of <paramref name="ownerId"/> would take on this server.</summary>
    /// <exception cref="CantusException">
    /// As submitting: InvalidOptions naming the field; NotFound (base model). With <c>epochs</c>, the
    /// iterations depend on the dataset: Conflict when it is not there yet.
    /// </exception>
    public async Task<TrainingEstimate> EstimateAsync(string ownerId, TrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, options, architecture) = await JobRecipe.ResolveAsync(_models, ownerId, request, cancellationToken).ConfigureAwait(false);
        var iterations = await IterationsAsync(ownerId, options, architecture, cancellationToken).ConfigureAwait(false);
        if (await PreviousRateAsync(options, architecture, cancellationToken).ConfigureAwait(false) is { } previous)
        {
            var detail = Invariant($"{previous.Runs} completed job{(previous.Runs == 1 ? "" : "s")} of this architecture with batch size {options.BatchSize} and {options.CriticSteps} critic steps took {previous.SecondsPerIteration:0.###} s per iteration from start to finish (data loading, evaluations, checkpoints and calibration included).");
            return new TrainingEstimate(Round(previous.SecondsPerIteration * iterations), Round(previous.SecondsPerIteration), iterations, PreviousRuns, detail);
        }
        var m = await MeasureAsync(new ProbeKey(architecture, options.BatchSize, options.CriticSteps), cancellationToken).ConfigureAwait(false);
        var samplings = Samplings(options, iterations);
        var sampling = m.SecondsPerSample * options.EvaluationSamples;
        var seconds = iterations * m.SecondsPerIteration + samplings * sampling;
        return new TrainingEstimate(Round(seconds), Round(m.SecondsPerIteration), iterations, Measured,
            m.Describe(options.BatchSize) + Invariant($"; plus {samplings} evaluations and checkpoints sampling {options.EvaluationSamples} windows at {sampling:0.###} s each. Data loading and the final calibration are not included."));
    }

    /// <summary>How many times a run of <paramref name="iterations"/> samples its evaluation melodies: at the start, for every metrics evaluation and every checkpoint (as <see cref="TrainingSession.Run"/> does).</summary>
    internal static int Samplings(TrainingOptions options, int iterations)
    {
        static int Every(int n, int every) => n / every + (n % every == 0 ? 0 : 1);
        return 1 + Every(iterations, options.MetricsEvery) + Every(iterations, options.CheckpointEvery);
    }

    private async Task<int> IterationsAsync(string ownerId, TrainingOptions options, GanArchitecture architecture, CancellationToken cancellationToken)
    {
        if (options.Epochs is null) return options.Iterations;
        if (!await _datasets.ExistsAsync(ownerId, options.Dataset, cancellationToken).ConfigureAwait(false)) throw JobRecipe.DatasetMissing(options.Dataset);
        var resolver = _datasets.Resolver(ownerId);
        return await Task.Run(() => TrainingSession.PlannedIterations(options, architecture, resolver, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<(int Runs, double SecondsPerIteration)?> PreviousRateAsync(TrainingOptions options, GanArchitecture architecture, CancellationToken cancellationToken)
    {
        double seconds = 0;
        long iterations = 0;
        var runs = 0;
        foreach (var job in await _store.TrainingJobs.ListCompletedAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // One attempt only: a resumed job's start-to-finish time includes the time it was stopped.
            if (job is not { Attempts: 1, StartedAt: { } started, FinishedAt: { } finished, Iteration: > 0 } || finished <= started) continue;
            if (!Matches(job, options, architecture)) continue;
            seconds += (finished - started).TotalSeconds;
            iterations += job.Iteration;
            runs++;
        }
        return runs == 0 ? null : (runs, seconds / iterations);
    }

    private static bool Matches(TrainingJobRecord job, TrainingOptions options, GanArchitecture architecture)
    {
        try
        {
            var a = JsonSerializer.Deserialize<GanArchitecture>(job.Architecture, JobJson.Options);
            var o = JsonSerializer.Deserialize<TrainingOptions>(job.Hyperparameters, JobJson.Options);
            return a == architecture && o is not null && o.BatchSize == options.BatchSize && o.CriticSteps == options.CriticSteps;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<Measurement> MeasureAsync(ProbeKey key, CancellationToken cancellationToken)
    {
        var lazy = _measured.GetOrAdd(key, k => new Lazy<Task<Measurement>>(() => ProbeAsync(k)));
        try
        {
            // A request that goes away does not stop the measurement: it is kept for the next one,
            // unless training ran meanwhile (then the figure is too high, and it is measured again next time).
            var measurement = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (measurement.RunningJobs > 0) _measured.TryRemove(KeyValuePair.Create(key, lazy));
            return measurement;
        }
        catch when (lazy.Value.IsFaulted)
        {
            _measured.TryRemove(KeyValuePair.Create(key, lazy));
            throw;
        }
    }

    private async Task<Measurement> ProbeAsync(ProbeKey key)
    {
        await _probing.WaitAsync().ConfigureAwait(false);
        try
        {
            Interlocked.Increment(ref _probes);
            var running = (await _store.TrainingRuns.ListUnfinishedAsync().ConfigureAwait(false)).Count(j => j.State != TrainingJobState.Queued);
            return await Task.Run(() => Probe(key) with { RunningJobs = running }).ConfigureAwait(false);
        }
        finally
        {
            _probing.Release();
        }
    }

    private Measurement Probe(ProbeKey key)
    {
        var clock = Stopwatch.StartNew();
        double Left() => Budget.TotalSeconds * 0.9 - clock.Elapsed.TotalSeconds;
        try
        {
            (TimeSpan Critic, TimeSpan Generator) WarmPair(IterationProbe probe)
            {
                probe.RunSteps(); // the first pair pays for compilation (the first in a process) and fresh memory
                var first = probe.RunSteps();
                if (2 * PairsPerSize * Seconds(first) > Left()) return first;
                var second = probe.RunSteps();
                return Seconds(second) < Seconds(first) ? second : first;
            }

            var (architecture, scale) = Reduced(key.Architecture);
            // From a batch of one sample per thread on, each more sample costs about the same; below it, cores stand idle.
            int Smallest(GanArchitecture a) =>
                Math.Max(1, Math.Min(Math.Min(key.BatchSize, EngineSettings.ThreadCount), MaxProbeCells / (a.Tracks * a.Steps * a.Pitches)));
            var options = new TrainingOptions { BatchSize = Smallest(architecture), CriticSteps = key.CriticSteps };
            var probe = new IterationProbe(architecture, options);
            var pair = WarmPair(probe);
            if (scale > 1 && 2 * PairsPerSize * Seconds(pair) * scale <= Left())
            {
                // The whole architecture fits in the budget after all: time it rather than a copy.
                (architecture, scale) = (key.Architecture, 1);
                options = options with { BatchSize = Smallest(architecture) };
                probe = new IterationProbe(architecture, options);
                pair = WarmPair(probe);
            }
            // A larger batch while the budget allows: small ones use the cores poorly, so the larger the better. The
            // next batch is the largest power-of-two multiple whose step pairs, predicted from the growth measured so
            // far (never less than half of proportional growth, so that a jump costs at most about twice its
            // prediction), fit in what is left. At a new size the first pairs also pay for fresh memory: the fastest counts.
            var byMemory = Math.Max(1, MaxProbeCells / (architecture.Tracks * architecture.Steps * architecture.Pitches));
            var largest = Math.Min(key.BatchSize, byMemory);
            var points = new List<(int Batch, double Pair, double Seconds)> { (options.BatchSize, Seconds(pair), Iteration(pair, key.CriticSteps)) };
            while (points[^1].Batch < largest)
            {
                var (last, cost, _) = points[^1];
                var growth = cost / last * 0.5;
                if (points.Count > 1) growth = Math.Max(growth, (cost - points[^2].Pair) / (last - points[^2].Batch));
                var next = 0;
                for (var candidate = last * 2L; candidate <= 2L * largest; candidate *= 2)
                {
                    var batch = (int)Math.Min(candidate, largest);
                    if (PairsPerSize * (cost + growth * (batch - last)) > Left()) break;
                    next = batch;
                    if (batch == largest) break;
                }
                if (next == 0) break;
                probe = new IterationProbe(architecture, options with { BatchSize = next });
                var first = probe.RunSteps();
                var second = Seconds(first) <= Left() ? probe.RunSteps() : first;
                pair = Seconds(second) < Seconds(first) ? second : first;
                points.Add((next, Seconds(pair), Iteration(pair, key.CriticSteps)));
            }
            var timed = points.Count;
            var (b, _, tb) = points[^1];
            while (timed < MaxTimedPairs && Seconds(pair) <= Left())
            {
                // At the largest batch reached: more timings while the budget lasts, the fastest counting (memory warms
                // up over the first pairs at a size, and the others may have met interference).
                var again = probe.RunSteps();
                timed++;
                tb = Math.Min(tb, Iteration(again, key.CriticSteps));
            }
            double perIteration;
            if (b == key.BatchSize) perIteration = tb;
            else
            {
                // Along the line through the two largest batches timed; its slope (the cost of one more sample) is kept
                // between half and all of the average cost per sample at the largest, as larger batches only cost less per sample.
                var average = tb / b;
                var slope = points.Count > 1 ? (tb - points[^2].Seconds) / (b - points[^2].Batch) : average / 2;
                perIteration = tb + Math.Clamp(slope, average / 2, average) * (key.BatchSize - b);
            }
            var perSample = probe.Generate(EvaluationChunk).TotalSeconds / EvaluationChunk;
            return new Measurement(perIteration * scale, perSample * scale, architecture, scale, points.Select(p => p.Batch).ToList(), tb, EngineSettings.ThreadCount);
        }
        finally
        {
            TensorScope.TrimPool(); // the probe's arrays are of sizes no run may use again
        }
    }

    private static double Seconds((TimeSpan Critic, TimeSpan Generator) pair) => (pair.Critic + pair.Generator).TotalSeconds;

    private static double Iteration((TimeSpan Critic, TimeSpan Generator) pair, int criticSteps) => criticSteps * pair.Critic.TotalSeconds + pair.Generator.TotalSeconds;

    /// <summary>
    /// <paramref name="architecture"/>, or when one sample of it is more work than one of the lab's
    /// (the default, which is timed directly), a smaller copy: fewer steps first (the networks are
    /// convolutional, so work is proportional to steps), then narrower layers; and how many times
    /// more work the original is (its multiply-adds over the copy's).
    /// </summary>
    internal static (GanArchitecture Architecture, double Scale) Reduced(GanArchitecture architecture)
    {
        var reference = IterationProbe.MultiplyAddsPerSample(GanArchitecture.Lab);
        var work = IterationProbe.MultiplyAddsPerSample(architecture);
        var copy = architecture;
        while (IterationProbe.MultiplyAddsPerSample(copy) > reference && copy.Steps > 16)
            copy = copy with { Steps = Math.Max(16, copy.Steps / 32 * 16) };
        while (IterationProbe.MultiplyAddsPerSample(copy) > reference && (copy.Filters > 1 || copy.CriticWidth > 1 || copy.LatentChannels > 1))
            copy = copy with
            {
                Filters = Math.Max(1, copy.Filters / 2),
                CriticFilters = copy.CriticFilters is int c ? Math.Max(1, c / 2) : null,
                LatentChannels = Math.Max(1, copy.LatentChannels / 2),
            };
        return copy == architecture ? (architecture, 1) : (copy, work / IterationProbe.MultiplyAddsPerSample(copy));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Round(double seconds) => Math.Round(seconds, 3);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record ProbeKey(GanArchitecture Architecture, int BatchSize, int CriticSteps);

    private sealed record Measurement(
        double SecondsPerIteration, double SecondsPerSample, GanArchitecture Timed, double Scale, IReadOnlyList<int> Batches, double Seconds, int Threads)
    {
        /// <summary>Training jobs running (anywhere in the cluster) while this was measured: the figure may then be too high.</summary>
        public int RunningJobs { get; init; }

        public string Describe(int batchSize)
        {
            var what = Scale > 1
                ? Invariant($"a smaller copy of this architecture ({Timed.Steps} steps, {Timed.Filters} filters, {Timed.LatentChannels} latent channels; {Scale:0.#}× less work per sample)")
                : "this architecture";
            var largest = Batches[^1];
            var batches = Batches.Count == 1 ? Invariant($"batch {largest}") : Invariant($"batches {string.Join(", ", Batches)}");
            var busy = RunningJobs == 0 ? ""
                : Invariant($", while {RunningJobs} training job{(RunningJobs == 1 ? " was" : "s were")} running (so likely too high; measured again next time)");
            var scaled = largest == batchSize ? ""
                : Batches.Count > 1 ? Invariant($", then extended to batch {batchSize} along the line through batches {Batches[^2]} and {largest} (rougher the further)")
                : Invariant($", then extended to batch {batchSize} at half its cost per sample (rough)");
            var copy = Scale > 1 ? ", then scaled by the multiply-adds" : "";
            return Invariant($"Timed critic and generator steps of {what} at {batches} on this server ({Threads} threads; an iteration at batch {largest}: {Seconds:0.###} s){busy}{scaled}{copy}");
        }
    }
}
