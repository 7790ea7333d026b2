using Cantus.Gan.Evaluation;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Evaluation;
using Cantus.Service.Models;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Evaluation;

public sealed class EvaluateModelTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CalibrateAndEvaluate_RecordIntoACustomModel_RefuseTheSample()
    {
        var paths = Fixtures.Paths(_dir);
        var models = new ModelLibrary(paths);
        var jsb = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "datasets", "jsb-chorales", JsbChoralesLoader.FileName));
        Assert.True(File.Exists(jsb), $"{jsb} is missing: the tests read the datasets beside the clone");
        var evaluate = new EvaluateModel(models, new DatasetSource(paths.DataDirectory));
        var options = new EvaluationOptions { Dataset = jsb, Split = DatasetSplit.Valid, MaxWindows = 8 };

        Assert.Equal(ErrorKind.Conflict, Assert.Throws<CantusException>(() => evaluate.Calibrate(new EvaluateRequest { Model = ModelRef.Named("sample"), Options = options, Record = true })).Kind);
        Assert.Equal("split", Assert.Throws<CantusException>(() => evaluate.Calibrate(new EvaluateRequest { Model = ModelRef.Named("sample"), Options = options with { Split = DatasetSplit.Test } })).Field);
        Assert.Equal("hop", Assert.Throws<CantusException>(() => evaluate.Evaluate(new EvaluateRequest { Model = ModelRef.Named("sample"), Options = options with { Hop = 0 } })).Field);

        models.Clone("sample", "mine");
        var calibration = evaluate.Calibrate(new EvaluateRequest { Model = ModelRef.Named("mine"), Options = options, Record = true });
        Assert.Equal(calibration.Chosen, models.Get("mine").Cleanup);
        using var cts = new CancellationTokenSource();
        var report = evaluate.Evaluate(new EvaluateRequest { Model = ModelRef.Named("mine"), Options = options with { Split = DatasetSplit.Test }, Record = true }, cancellationToken: cts.Token);
        Assert.Equal(8, report.Windows);
        Assert.Equal(report.Headline()["similarity_index"], models.Get("mine").Evaluation!["similarity_index"]);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => evaluate.Evaluate(new EvaluateRequest { Model = ModelRef.Named("mine"), Options = options }, cancellationToken: cts.Token));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cantus.slnx not found");
    }
}
