using System.Diagnostics;
using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Jobs;
using Cantus.Service.Tests.Storage;
using Cantus.Service.Tests.TestSupport;
using Cantus.Service.Training;

namespace Cantus.Service.Tests.Training;

public sealed class TrainingEstimatorTests
{
    private static TrainingJobRequest Tiny(int iterations = 20, int batch = 4) => new()
    {
        Dataset = "nowhere", Iterations = iterations, BatchSize = batch, CriticSteps = 2, CheckpointEvery = 10, MetricsEvery = 5, EvaluationSamples = 8, PreviewSamples = 2,
        Filters = 2, LowestPitch = 48, Pitches = 32, LatentChannels = 4,
    };

    private static TrainingEstimator Estimator(TempFolder dir, TimeSpan? budget = null)
    {
        var paths = Fixtures.Paths(dir);
        var store = Fixtures.Store(paths);
        return new TrainingEstimator(store, Fixtures.Library(paths), new DatasetLibrary(paths, () => store), budget);
    }

    [Fact]
    public void SamplingCounts_AreTheRunsEvaluationsAndCheckpoints()
    {
        var options = new TrainingOptions { MetricsEvery = 50, CheckpointEvery = 50 };
        Assert.Equal(1 + 20 + 20, TrainingEstimator.Samplings(options, 1000));
        Assert.Equal(1 + 21 + 21, TrainingEstimator.Samplings(options, 1001)); // and the last iteration
        Assert.Equal(1 + 1 + 1, TrainingEstimator.Samplings(options, 4));
        Assert.Equal(1 + 4 + 2, TrainingEstimator.Samplings(options with { MetricsEvery = 5, CheckpointEvery = 10 }, 20));
    }

    [Fact]
    public void TheLabsArchitecture_IsTimedAsItIs_ALargerOneAsASmallerCopy()
    {
        Assert.Equal((GanArchitecture.Lab, 1.0), TrainingEstimator.Reduced(GanArchitecture.Lab));
        var shipped = new GanArchitecture { Filters = 16, ConditionOctaves = 3, LowestPitch = 36, Pitches = 64 };
        Assert.Equal((shipped, 1.0), TrainingEstimator.Reduced(shipped));

        var long4 = GanArchitecture.Lab with { Steps = 128 };
        var (copy, scale) = TrainingEstimator.Reduced(long4);
        Assert.Equal(GanArchitecture.Lab with { Steps = 32 }, copy); // steps first: work is proportional to them
        Assert.Equal(4, scale, 6);

        var huge = new GanArchitecture { Filters = 1024, CriticFilters = 512, Steps = 1024, Tracks = 16, LatentChannels = 4096 };
        var (small, factor) = TrainingEstimator.Reduced(huge);
        Assert.True(IterationProbe.MultiplyAddsPerSample(small) <= IterationProbe.MultiplyAddsPerSample(GanArchitecture.Lab));
        Assert.Equal(16, small.Steps);
        Assert.Equal((16, 128), (small.Tracks, small.Pitches));
        Assert.Equal(IterationProbe.MultiplyAddsPerSample(huge) / IterationProbe.MultiplyAddsPerSample(small), factor, 6);
        Assert.True(factor > 1000);
    }

    [Fact]
    public async Task ANewConfiguration_IsTimedOnce_WithinItsBudget()
    {
        using var dir = new TempFolder();
        var estimator = Estimator(dir, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var first = await estimator.EstimateAsync("local", Tiny());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Equal(TrainingEstimator.Measured, first.Basis);
        Assert.Equal(20, first.Iterations);
        Assert.True(first.SecondsPerIteration > 0);
        Assert.True(first.Seconds > 20 * first.SecondsPerIteration, "the sampling of 7 evaluations and checkpoints is added");
        Assert.Contains("7 evaluations and checkpoints sampling 8 windows", first.Detail, StringComparison.Ordinal);
        Assert.Equal(1, estimator.Probes);

        var longer = await estimator.EstimateAsync("local", Tiny(iterations: 200));
        Assert.Equal(first.SecondsPerIteration, longer.SecondsPerIteration);
        Assert.Equal(1, estimator.Probes);
        await estimator.EstimateAsync("local", Tiny(batch: 5));
        Assert.Equal(2, estimator.Probes);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => estimator.EstimateAsync("local", Tiny(batch: 6))));
        Assert.Equal(3, estimator.Probes);
    }

    [Fact]
    public async Task AFigureMeasuredWhileTrainingRuns_IsSaidToBeSo_AndNotKept()
    {
        using var dir = new TempFolder();
        var paths = Fixtures.Paths(dir);
        var store = Fixtures.Store(paths);
        var estimator = new TrainingEstimator(store, Fixtures.Library(paths), new DatasetLibrary(paths, () => store), TimeSpan.FromSeconds(0.5));
        var job = await store.NewJobAsync(Service.Storage.Accounts.UserRepository.LocalUserId);
        var fence = await store.TakeOverAsync(job.Id);
        await store.TrainingRuns.TransitionAsync(job.Id, fence, Service.Storage.Training.TrainingJobState.Training);

        var busy = await estimator.EstimateAsync("local", Tiny());
        Assert.Contains("while 1 training job was running", busy.Detail, StringComparison.Ordinal);
        await estimator.EstimateAsync("local", Tiny());
        Assert.Equal(2, estimator.Probes);

        await store.TrainingRuns.TransitionAsync(job.Id, fence, Service.Storage.Training.TrainingJobState.Failed, "stopped by the test");
        var quiet = await estimator.EstimateAsync("local", Tiny());
        Assert.DoesNotContain("running", quiet.Detail, StringComparison.Ordinal);
        await estimator.EstimateAsync("local", Tiny());
        Assert.Equal(3, estimator.Probes);
    }

    [Fact]
    public async Task AnEnormousArchitecture_IsStillMeasuredWithinAboutItsBudget()
    {
        using var dir = new TempFolder();
        var estimator = Estimator(dir, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var estimate = await estimator.EstimateAsync("local", new TrainingJobRequest
        {
            Dataset = "nowhere", Iterations = 10, BatchSize = 4096, Filters = 1024, Steps = 1024, Tracks = 16, LatentChannels = 4096,
        });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(TrainingEstimator.Measured, estimate.Basis);
        Assert.Contains("smaller copy", estimate.Detail, StringComparison.Ordinal);
        Assert.True(estimate.SecondsPerIteration > 60, estimate.ToString()); // hours of work per iteration on any CPU
    }

    [Fact]
    public async Task RequestsAreValidatedAsSubmittingDoes()
    {
        using var dir = new TempFolder();
        var estimator = Estimator(dir);
        async Task<CantusException> Refused(TrainingJobRequest request) => await Assert.ThrowsAsync<CantusException>(() => estimator.EstimateAsync("local", request));
        Assert.Equal(("batchSize", ErrorKind.InvalidOptions), ((await Refused(Tiny(batch: 0))).Field, (await Refused(Tiny(batch: 0))).Kind));
        Assert.Equal("pitches", (await Refused(Tiny() with { Pitches = 30 })).Field);
        Assert.Equal(ErrorKind.NotFound, (await Refused(Tiny() with { BaseModel = "no-such-model" })).Kind);
        Assert.Equal(ErrorKind.Conflict, (await Refused(Tiny() with { Iterations = null, Epochs = 2 })).Kind); // epochs need the dataset
        Assert.Equal(0, estimator.Probes);
    }

    [Fact]
    public async Task Epochs_AreCountedAsTheRunCountsThem()
    {
        using var dir = new TempFolder();
        var paths = Fixtures.Paths(dir);
        Fixtures.Pieces(Path.Combine(paths.DataDirectory, "datasets", "pieces"), pieces: 3);
        var store = Fixtures.Store(paths);
        var datasets = new DatasetLibrary(paths, () => store);
        var estimator = new TrainingEstimator(store, Fixtures.Library(paths), datasets, TimeSpan.FromSeconds(0.5));
        var request = Tiny() with { Dataset = "pieces", Iterations = null, Epochs = 2, BatchSize = 3, Hop = 8 };
        var estimate = await estimator.EstimateAsync("local", request);
        var (options, architecture) = request.Resolve(null);
        var windows = new Cantus.Music.Datasets.Windower(new Cantus.Music.Datasets.WindowOptions
        {
            Steps = architecture.Steps, Hop = 8, MelodyTrack = 0, PitchRange = Cantus.Music.PianoRolls.PitchRange.FromCount(48, 32),
        }).Count(datasets.Resolver("local").Open("pieces").Rolls(options.Split));
        Assert.True(windows > 0);
        Assert.Equal((int)Math.Ceiling(2.0 * windows / 3), estimate.Iterations);
        Assert.Equal(estimate.Iterations, TrainingSession.PlannedIterations(options, architecture, datasets.Resolver("local")));
    }
}
