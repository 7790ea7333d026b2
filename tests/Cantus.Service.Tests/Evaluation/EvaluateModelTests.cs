using Cantus.Gan.Evaluation;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Evaluation;
using Cantus.Service.Models;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Evaluation;

public sealed class EvaluateModelTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CalibrateAndEvaluate_RecordIntoACustomModel_RefuseTheSample()
    {
        var paths = Fixtures.Paths(_dir);
        var models = Fixtures.Library(paths);
        var jsb = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "datasets", "jsb-chorales", JsbChoralesLoader.FileName));
        Assert.True(File.Exists(jsb), $"{jsb} is missing: the tests read the datasets beside the clone");
        var evaluate = new EvaluateModel(models, new DatasetSource(paths.DataDirectory));
        var options = new EvaluationOptions { Dataset = jsb, Split = DatasetSplit.Valid, MaxWindows = 8 };

        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<CantusException>(() => evaluate.CalibrateAsync(new EvaluateRequest { Model = ModelRef.Named("sample"), Options = options, Record = true }))).Kind);
        Assert.Equal("split", (await Assert.ThrowsAsync<CantusException>(() => evaluate.CalibrateAsync(new EvaluateRequest { Model = ModelRef.Named("sample"), Options = options with { Split = DatasetSplit.Test } }))).Field);
        Assert.Equal("hop", (await Assert.ThrowsAsync<CantusException>(() => evaluate.EvaluateAsync(new EvaluateRequest { Model = ModelRef.Named("sample"), Options = options with { Hop = 0 } }))).Field);

        await models.CloneAsync(UserRepository.LocalUserId, "sample", "mine");
        var calibration = await evaluate.CalibrateAsync(new EvaluateRequest { Model = ModelRef.Named("mine"), Options = options, Record = true });
        Assert.Equal(calibration.Chosen, (await models.GetAsync(UserRepository.LocalUserId, "mine")).Cleanup);
        using var cts = new CancellationTokenSource();
        var report = await evaluate.EvaluateAsync(new EvaluateRequest { Model = ModelRef.Named("mine"), Options = options with { Split = DatasetSplit.Test }, Record = true }, cancellationToken: cts.Token);
        Assert.Equal(8, report.Windows);
        Assert.Equal(report.Headline()["similarity_index"], (await models.GetAsync(UserRepository.LocalUserId, "mine")).Evaluation!["similarity_index"]);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => evaluate.EvaluateAsync(new EvaluateRequest { Model = ModelRef.Named("mine"), Options = options }, cancellationToken: cts.Token));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cantus.slnx not found");
    }
}
