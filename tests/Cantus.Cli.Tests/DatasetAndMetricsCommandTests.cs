using System.Text.Json;

namespace Cantus.Cli.Tests;

public class DatasetAndMetricsCommandTests
{
    private static string Jsb => Path.Combine(CliRunner.Datasets, "jsb-chorales", "Jsb16thSeparated.json");

    private static string Snippets => Path.Combine(CliRunner.Datasets, "deepcomposer-jsb-2bar");

    [Fact]
    public void DatasetInfoCountsPiecesAndWindowsPerSplit()
    {
        var r = CliRunner.Run("dataset", "info", Jsb, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var splits = doc.RootElement.GetProperty("splits");
        Assert.Equal((229, 3176), (splits.GetProperty("train").GetProperty("pieces").GetInt32(), splits.GetProperty("train").GetProperty("samples").GetInt32()));
        Assert.Equal((77, 1088), (splits.GetProperty("test").GetProperty("pieces").GetInt32(), splits.GetProperty("test").GetProperty("samples").GetInt32()));
        Assert.Contains("bach", doc.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void DatasetInfoOfAMidiFolderWithTransposition()
    {
        var plain = JsonDocument.Parse(CliRunner.Run("dataset", "info", Snippets, "--json").Stdout);
        var shifted = JsonDocument.Parse(CliRunner.Run("dataset", "info", Snippets, "--json", "--transpose", "2").Stdout);
        var samples = plain.RootElement.GetProperty("splits").GetProperty("train").GetProperty("samples").GetInt32();
        Assert.Equal(229, samples); // one 2-bar window per snippet
        Assert.Equal(5 * samples, shifted.RootElement.GetProperty("splits").GetProperty("train").GetProperty("samples").GetInt32());
    }

    [Fact]
    public void BadWindowingValueIsAUsageError() =>
        Assert.Equal(1, CliRunner.Run("dataset", "info", Jsb, "--transpose", "sideways").ExitCode);

    [Fact]
    public void UnknownDatasetIsBadInput() => Assert.Equal(2, CliRunner.Run("dataset", "info", "no-such-dataset").ExitCode);

    [Fact]
    public void MetricsJsonOfTheLabSnippets()
    {
        var r = CliRunner.Run("metrics", Snippets, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(229, doc.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(4, doc.RootElement.GetProperty("tracks").GetInt32());
        var metrics = doc.RootElement.GetProperty("metrics");
        Assert.All(metrics.GetProperty("empty_bar_rate").EnumerateArray(), v => Assert.Equal(0, v.GetDouble()));
        Assert.All(metrics.GetProperty("polyphony").EnumerateArray(), v => Assert.Equal(1, v.GetDouble()));
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("consonance_rate")[0].ValueKind);
    }

    [Fact]
    public void MetricsOfABadFileNamesIt()
    {
        var r = CliRunner.Run("metrics", Path.Combine(CliRunner.Datasets, "README.md"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("README.md", r.Stderr, StringComparison.Ordinal);
    }
}
