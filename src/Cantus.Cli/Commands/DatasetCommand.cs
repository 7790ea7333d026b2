using System.CommandLine;
using Cantus.Music.Datasets;
using Spectre.Console;

namespace Cantus.Cli.Commands;

/// <summary><c>cantus dataset download jsb-chorales [--to DIR]</c> and <c>cantus dataset info SOURCE [--json]</c>.</summary>
internal static class DatasetCommand
{
    public static Command Create() => new("dataset", "Download datasets and show what training would see") { Download(), Info() };

    private static Command Download()
    {
        var name = new Argument<string>("NAME") { Description = "Dataset to download: jsb-chorales" };
        var to = new Option<DirectoryInfo?>("--to") { Description = "Target folder (default: the data directory, $CANTUS_DATA or ~/.local/share/cantus)" };
        var force = new Option<bool>("--force") { Description = "Download again even if a verified copy exists" };
        var command = new Command("download", "Download a dataset from its canonical address and verify its SHA-256") { name, to, force };
        command.SetAction((parse, ct) => Task.FromResult(CommandRunner.Run(() =>
        {
            if (!string.Equals(parse.GetValue(name), JsbChoralesLoader.DatasetName, StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"unknown dataset '{parse.GetValue(name)}'; known: {JsbChoralesLoader.DatasetName}");
            var target = parse.GetValue(to)?.FullName ?? DataDirectory.DatasetDirectory(JsbChoralesLoader.DatasetName);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var downloader = new JsbChoralesDownloader(http);
            DatasetDownloadResult result = null!;
            AnsiConsole.Status().Start($"Downloading {JsbChoralesDownloader.CanonicalUri}", _ =>
                result = downloader.DownloadAsync(target, parse.GetValue(force), ct).GetAwaiter().GetResult());
            Console.Out.WriteLine(result.Downloaded
                ? $"downloaded {result.Bytes} bytes to {result.Path} (SHA-256 {result.Sha256} verified)"
                : $"already present and verified: {result.Path}");
            return ExitCodes.Success;
        })));
        return command;
    }

    private static Command Info()
    {
        var source = new Argument<string>("SOURCE") { Description = "jsb-chorales, a Jsb16thSeparated.json file, or a folder of MIDI files" };
        var json = CommonOptions.Json();
        var window = WindowingOptions.Create();
        var tags = new Option<string[]>("--tag") { Description = "Tags of a MIDI-folder dataset (repeatable)", AllowMultipleArgumentsPerToken = true };
        var split = new Option<bool>("--split-by-name") { Description = "Split a MIDI folder 80/10/10 by a hash of each file's name (default: all train)" };
        var command = new Command("info", "Pieces and training samples (after windowing and transposition) per split") { source, json, tags, split };
        window.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var dataset = DatasetSource.Open(parse.GetValue(source)!, parse.GetValue(tags), parse.GetValue(split) ? SplitRule.ByNameHash() : SplitRule.AllTrain);
            var info = DatasetInfo.Compute(dataset, window.Read(parse));
            Console.Out.WriteLine(parse.GetValue(json) ? info.ToJson() : info.ToText());
            return ExitCodes.Success;
        }));
        return command;
    }
}
