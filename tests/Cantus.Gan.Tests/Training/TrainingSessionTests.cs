using Cantus.Gan.Models;
using Cantus.Gan.Tests.TestSupport;
using Cantus.Gan.Training;
using Cantus.Tensors.Serialization;

namespace Cantus.Gan.Tests.Training;

public sealed class TrainingSessionTests
{
    [Fact]
    public void CalibrateCleanup_StoresTheValidSplitsChoiceInModelJson()
    {
        using var dir = Paths.NewTemp();
        var architecture = new Cantus.Gan.Networks.GanArchitecture { Filters = 2, LowestPitch = 36, Pitches = 64, LatentChannels = 4, ConditionOctaves = 3 };
        var options = new TrainingOptions { Dataset = "jsb-chorales", Iterations = 1, BatchSize = 3, CriticSteps = 1, CheckpointEvery = 1, MetricsEvery = 1, EvaluationSamples = 4, PreviewSamples = 1 };
        var session = TrainingSession.Create(dir["run"], options, architecture, Paths.DataRoot);
        session.Run();
        var result = session.CalibrateCleanup(maxWindows: 30);
        Assert.NotNull(result);
        Assert.Equal("jsb-chorales valid, 30 windows, seed 0", result.Chosen.CalibratedOn);
        Assert.Equal(result.Grid.Max(g => g.Similarity), result.ChosenSimilarity);
        Assert.Equal(result.Chosen, ModelStore.Load(Path.Combine(dir["run"], "model")).Config.Cleanup);
    }

    [Fact]
    public void CalibrateCleanup_WithoutAValidSplit_LeavesTheModelAlone()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]); // a MIDI folder: every piece is in the train split
        var session = TrainingSession.Create(dir["run"], TinyDataset.Options(data, 2), TinyDataset.Architecture);
        session.Run();
        Assert.Null(session.CalibrateCleanup());
        Assert.Null(ModelStore.Load(Path.Combine(dir["run"], "model")).Config.Cleanup);
    }

    [Fact]
    public void TinyRun_HasFiniteLossesAndEveryRunFile()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]);
        var events = new List<TrainingProgress>();
        var session = TrainingSession.Create(dir["run"], TinyDataset.Options(data, 3), TinyDataset.Architecture);
        session.Run(new Collect(events));

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Iteration));
        Assert.All(events, e =>
        {
            Assert.True(double.IsFinite(e.Losses.Critic) && double.IsFinite(e.Losses.Generator) && double.IsFinite(e.Losses.GradientPenalty), $"losses at {e.Iteration}: {e.Losses}");
            Assert.True(e.Losses.GradientPenalty >= 0);
            Assert.True(e.SamplesPerSecond > 0);
        });
        Assert.NotNull(events[1].Metrics);
        Assert.NotNull(events[1].Checkpoint);
        Assert.NotNull(events[2].Checkpoint); // the last iteration always checkpoints
        var run = dir["run"];
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "losses.csv")).Length); // header + 3
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length); // 0, 2, 3
        foreach (var file in new[] { "run.json", "evolution.png", "charts/losses.png", "charts/similarity.png", "charts/metrics.png",
                     "samples/iter-00000002.png", "samples/iter-00000002.mid", "model/model.safetensors", "model/model.json",
                     "checkpoints/ckpt-00000002.safetensors", "checkpoints/ckpt-00000003.safetensors" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        var model = ModelStore.Load(Path.Combine(run, "model"));
        Assert.Equal(3, model.Config.Iterations);
        Assert.Equal(TinyDataset.Architecture, model.Config.Architecture);
    }

    [Fact]
    public void ResumedRun_EqualsUninterruptedRunBitForBit()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]);
        var options = TinyDataset.Options(data, 4) with { KeepCheckpoints = 10 };
        TrainingSession.Create(dir["straight"], options, TinyDataset.Architecture).Run();

        var first = TrainingSession.Create(dir["resumed"], options, TinyDataset.Architecture);
        first.Run(stopAfter: 2);
        Assert.Equal(2, first.Iteration);
        // A crash after iteration 3's log line but before its checkpoint: the line must go.
        File.AppendAllText(Path.Combine(dir["resumed"], "losses.csv"), "3,1,1,1,1,1\n1");
        File.AppendAllText(Path.Combine(dir["resumed"], "metrics.jsonl"), "{\"iteration\":3,\"simil");
        var second = TrainingSession.Resume(dir["resumed"]);
        Assert.Equal(2, second.Iteration);
        second.Run();
        Assert.Equal(4, second.Iteration);

        var a = SafeTensors.ReadFile(Path.Combine(dir["straight"], "checkpoints", "ckpt-00000004.safetensors")).Tensors;
        var b = SafeTensors.ReadFile(Path.Combine(dir["resumed"], "checkpoints", "ckpt-00000004.safetensors")).Tensors;
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("generator.b2.running_var", a.Keys);
        Assert.Contains("adam_critic.fc.weight.exp_avg_sq", a.Keys);
        foreach (var (name, t) in a) Assert.True(t.AsReadOnlySpan().SequenceEqual(b[name].AsReadOnlySpan()), $"{name} differs");
        static IEnumerable<string> Losses(string run) => File.ReadAllLines(Path.Combine(run, "losses.csv")).Select(l => l[..l.LastIndexOf(',')]);
        Assert.Equal(Losses(dir["straight"]), Losses(dir["resumed"]));
        Assert.Equal(File.ReadAllLines(Path.Combine(dir["straight"], "metrics.jsonl")), File.ReadAllLines(Path.Combine(dir["resumed"], "metrics.jsonl")));
    }

    [Fact]
    public void Cancellation_StopsAfterTheIterationWithACheckpoint()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]);
        using var cts = new CancellationTokenSource();
        var session = TrainingSession.Create(dir["run"], TinyDataset.Options(data, 50) with { CheckpointEvery = 10 }, TinyDataset.Architecture);
        session.Run(new Collect([], e => { if (e.Iteration == 3) cts.Cancel(); }), cts.Token);
        Assert.Equal(3, session.Iteration);
        Assert.True(File.Exists(Path.Combine(dir["run"], "checkpoints", "ckpt-00000003.safetensors")));
        Assert.Equal(3, TrainingSession.Resume(dir["run"]).Iteration);
    }

    [Fact]
    public void KeepsOnlyTheNewestCheckpoints()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]);
        TrainingSession.Create(dir["run"], TinyDataset.Options(data, 5) with { CheckpointEvery = 1, KeepCheckpoints = 2 }, TinyDataset.Architecture).Run();
        var names = Directory.GetFiles(Path.Combine(dir["run"], "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["ckpt-00000004.safetensors", "ckpt-00000005.safetensors"], names);
    }

    [Fact]
    public void Create_RefusesANonEmptyDirectory_AndResumeNeedsARun()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]);
        Assert.Throws<InvalidOperationException>(() => TrainingSession.Create(dir["data"], TinyDataset.Options(data), TinyDataset.Architecture));
        Assert.Throws<FileNotFoundException>(() => TrainingSession.Resume(dir["data"]));
    }

    [Fact]
    public void Resume_WithNewLearningRates_RecordsThemAndContinues()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]);
        TrainingSession.Create(dir["run"], TinyDataset.Options(data, 2), TinyDataset.Architecture).Run();
        var resumed = TrainingSession.Resume(dir["run"], iterations: 3, generatorLearningRate: 1e-4f);
        Assert.Equal(2, resumed.Iteration);
        Assert.Equal(1e-4f, resumed.Info.Options.GeneratorLearningRate);
        Assert.Equal(1e-3f, resumed.Info.Options.CriticLearningRate);
        resumed.Run();
        Assert.Equal(1e-4f, TrainingSession.Resume(dir["run"]).Info.Options.GeneratorLearningRate);
        Assert.Throws<ArgumentException>(() => TrainingSession.Resume(dir["run"], criticLearningRate: -1f));
    }

    [Fact]
    public void Epochs_SetTheIterationsFromTheWindowCount()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]);
        // 3 pieces × 64 steps, windows of 32 every 8 steps: 5 per piece, 15 in all; 2 epochs of batches of 3 → 10 iterations.
        var session = TrainingSession.Create(dir["run"], TinyDataset.Options(data) with { Epochs = 2 }, TinyDataset.Architecture);
        Assert.Equal(15, session.Info.TrainingSamples);
        Assert.Equal(10, session.Info.Options.Iterations);
        // Transposition ±2 inside 48..79: each window spans 50..72, so shifts -2..+2 all fit: 5 per window.
        Assert.Equal(75, session.Info.AugmentedSamples);
    }

    private sealed class Collect(List<TrainingProgress> events, Action<TrainingProgress>? also = null) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            events.Add(value);
            also?.Invoke(value);
        }
    }
}
