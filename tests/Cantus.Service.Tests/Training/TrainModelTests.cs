using Cantus.Gan.Training;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Tests.TestSupport;
using Cantus.Service.Training;

namespace Cantus.Service.Tests.Training;

public sealed class TrainModelTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartRunResume_ThenTheRunsModelComposes()
    {
        var paths = Fixtures.Paths(_dir);
        Fixtures.Pieces(Path.Combine(paths.DataDirectory, "datasets", "tiny"), pieces: 12);
        var train = new TrainModel(paths.Datasets); // a service resolves datasets by name only
        var run = new RunFolder(_dir["run"]);
        var session = train.Start(new TrainRequest { Run = run, Options = Fixtures.Options("tiny", iterations: 2), Architecture = Fixtures.TinyArchitecture });
        var reports = new List<TrainingProgress>();
        var first = train.Run(session, calibrate: true, SyncProgress.Of<TrainingProgress>(reports.Add));
        Assert.Equal((2L, 2L, false), (first.Iteration, first.Iterations, first.Stopped));
        Assert.Equal([1L, 2L], reports.Select(r => r.Iteration));
        Assert.True(first.Calibration is not null || first.CalibrationSkipped is not null);

        var resumed = train.Resume(new ResumeTrainingRequest { Run = run, Iterations = 3 });
        Assert.Equal(2, resumed.Iteration);
        var second = train.Run(resumed, calibrate: false);
        Assert.Equal(3, second.Iteration);
        Assert.Equal(2, run.Checkpoints().Count(c => c.Iteration >= 2));

        var composed = await new Service.Composing.ComposeMelody(Fixtures.Library(paths)).ExecuteAsync(new Service.Composing.ComposeRequest
        {
            Melody = Fixtures.Melody(),
            Model = ModelRef.AtPath(run.Model),
        });
        Assert.Equal(32, composed.Composition.Roll.Steps);
    }

    [Fact]
    public void CanceledRun_StopsWithACheckpointAndSkipsCalibration()
    {
        var paths = Fixtures.Paths(_dir);
        Fixtures.Pieces(Path.Combine(paths.DataDirectory, "datasets", "tiny"), pieces: 12);
        var train = new TrainModel(paths.Datasets);
        var run = new RunFolder(_dir["run"]);
        var session = train.Start(new TrainRequest { Run = run, Options = Fixtures.Options("tiny", iterations: 50) with { CheckpointEvery = 40 }, Architecture = Fixtures.TinyArchitecture });
        using var cts = new CancellationTokenSource();
        var result = train.Run(session, calibrate: true, SyncProgress.Of<TrainingProgress>(p => { if (p.Iteration == 3) cts.Cancel(); }), cancellationToken: cts.Token);
        Assert.True(result.Stopped);
        Assert.Equal(3, result.Iteration);
        Assert.Null(result.Calibration);
        Assert.Equal(3, run.Checkpoints()[0].Iteration);
    }

    [Fact]
    public void Refusals_NameTheProblem()
    {
        var paths = Fixtures.Paths(_dir);
        var train = new TrainModel(paths.Datasets);
        CantusException Refused(TrainRequest r) => Assert.Throws<CantusException>(() => train.Start(r));
        var run = new RunFolder(_dir["run"]);
        Assert.Equal("batchSize", Refused(new TrainRequest { Run = run, Options = new TrainingOptions { BatchSize = 0 } }).Field);
        Assert.Equal("pitches", Refused(new TrainRequest { Run = run, Architecture = Fixtures.TinyArchitecture with { Pitches = 30 } }).Field);
        Assert.Equal("conditionTrack", Refused(new TrainRequest { Run = run, Options = new TrainingOptions { ConditionTrack = 4 } }).Field);
        Assert.Equal("generatorLearningRate", Assert.Throws<CantusException>(() => train.Resume(new ResumeTrainingRequest { Run = run, GeneratorLearningRate = -1 })).Field);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<CantusException>(() => train.Resume(new ResumeTrainingRequest { Run = run })).Kind);
        // A dataset named by a path is not a dataset name for the service.
        var dataset = Fixtures.Pieces(_dir["elsewhere"]);
        Assert.Throws<FileNotFoundException>(() => train.Start(new TrainRequest { Run = run, Options = Fixtures.Options(dataset), Architecture = Fixtures.TinyArchitecture }));
        Assert.Throws<FileNotFoundException>(() => train.Start(new TrainRequest { Run = run, Options = Fixtures.Options("../elsewhere"), Architecture = Fixtures.TinyArchitecture }));
        Assert.False(Directory.Exists(_dir["run"]) && Directory.EnumerateFileSystemEntries(_dir["run"]).Any());
        _ = DatasetCatalog.IsValidName("x");
    }
}
