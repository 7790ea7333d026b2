using System.CommandLine;
using Cantus.Music.Datasets;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Spectre.Console;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus dataset list|download|import|info</c>: the datasets of the data directory
/// (<see cref="DatasetLibrary"/>), and what training would see of one.
/// </summary>
internal static class DatasetCommand
{
    public static Command Create() => new("dataset", "List, download and import datasets, and show what training would see") { List(), Download(), Import(), Info() };

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "The datasets of the data directory (built-in ones also when not downloaded yet)") { json };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var datasets = CliServices.Datasets.ListAsync(UserRepository.LocalUserId).GetAwaiter().GetResult();
            if (parse.GetValue(json)) CliJson.Write(parse.Out(), datasets);
            else
                foreach (var d in datasets)
                    parse.Out().WriteLine($"{d.Name}  {(d.Available ? "available" : "not downloaded")}  {d.Kind}{(d.Files is int n ? $", {n} files" : "")}{(d.Tags.Count > 0 ? $", tags {string.Join(",", d.Tags)}" : "")}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Download()
    {
        var name = new Argument<string>("NAME") { Description = "Dataset to download: jsb-chorales or lab-snippets" };
        var to = new Option<DirectoryInfo?>("--to") { Description = "Target folder (default: the data directory, $CANTUS_DATA or ~/.local/share/cantus)" };
        var force = new Option<bool>("--force") { Description = "Download again even if a verified copy exists" };
        var db = new Option<string?>("--db") { Description = "Also store it in this database (a cluster's PostgreSQL, or a SQLite file), where every node finds it; nothing is fetched when the database has it" };
        var command = new Command("download", "Download a dataset from its canonical address and verify its SHA-256") { name, to, force, db };
        command.SetAction((parse, ct) => Task.FromResult(CommandRunner.Run(parse, () =>
        {
            if (parse.GetValue(to) is not null && parse.GetValue(db) is not null)
                throw CantusException.Invalid("--to and --db do not go together: with --db the dataset goes to the data directory and the database.");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            DatasetDownloadResult result = null!;
            var lab = string.Equals(parse.GetValue(name)?.Trim(), LabSnippetsDownloader.DatasetName, StringComparison.OrdinalIgnoreCase);
            AnsiConsole.Status().Start($"Downloading {(lab ? LabSnippetsDownloader.CanonicalUri : JsbChoralesDownloader.CanonicalUri)}", _ =>
            {
                if (parse.GetValue(db) is { } connection)
                {
                    using var store = CantusStore.OpenAsync(connection, cancellationToken: ct).GetAwaiter().GetResult();
                    result = new DatasetLibrary(CliServices.Paths, () => store).DownloadAsync(parse.GetValue(name)!, parse.GetValue(force), http, ct).GetAwaiter().GetResult();
                }
                else
                {
                    result = parse.GetValue(to) is { } folder
                        ? lab
                            ? new LabSnippetsDownloader(http).DownloadAsync(folder.FullName, parse.GetValue(force), ct).GetAwaiter().GetResult()
                            : new JsbChoralesDownloader(http).DownloadAsync(folder.FullName, parse.GetValue(force), ct).GetAwaiter().GetResult()
                        : CliServices.Datasets.DownloadToDataDirectoryAsync(parse.GetValue(name)!, parse.GetValue(force), http, ct).GetAwaiter().GetResult();
                }
            });
            var stored = parse.GetValue(db) is not null ? " and stored in the database" : "";
            parse.Out().WriteLine(result.Downloaded
                ? $"downloaded {result.Bytes} bytes to {result.Path} (SHA-256 {result.Sha256} verified){stored}"
                : $"already present and verified: {result.Path}{stored}");
            return ExitCodes.Success;
        })));
        return command;
    }

    private static Command Import()
    {
        var name = new Argument<string>("NAME") { Description = "Name of the new dataset (lower-case letters, digits, '.', '_', '-')" };
        var archive = new Argument<FileInfo>("ZIP") { Description = "A zip archive of MIDI files" };
        var tags = new Option<string[]>("--tag") { Description = "Tags of the dataset (repeatable)", AllowMultipleArgumentsPerToken = true };
        var description = new Option<string?>("--description") { Description = "What the dataset is" };
        var command = new Command("import", "Import a zip of MIDI files as a dataset (kept in the data directory's store)") { name, archive, tags, description };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var path = parse.GetValue(archive)!.FullName;
            if (!File.Exists(path)) throw new FileNotFoundException($"No such file: {path}", path);
            using var stream = File.OpenRead(path);
            var result = CliServices.Datasets.ImportAsync(UserRepository.LocalUserId, parse.GetValue(name)!, stream, parse.GetValue(tags), parse.GetValue(description)).GetAwaiter().GetResult();
            foreach (var s in result.Skipped) parse.Err().WriteLine($"left out: {s}");
            foreach (var r in result.Repairs) parse.Err().WriteLine($"repaired: {r}");
            parse.Out().WriteLine($"imported {result.Dataset.Files} MIDI files as dataset {result.Dataset.Name}{(result.Skipped.Count > 0 ? $" ({result.Skipped.Count} entries left out)" : "")}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Info()
    {
        var source = new Argument<string>("SOURCE") { Description = "A dataset name (e.g. jsb-chorales), a Jsb16thSeparated.json file, or a folder of MIDI files" };
        var json = CommonOptions.Json();
        var window = WindowingOptions.Create();
        var tags = new Option<string[]>("--tag") { Description = "Tags of a MIDI-folder dataset (repeatable)", AllowMultipleArgumentsPerToken = true };
        var split = new Option<bool>("--split-by-name") { Description = "Split a MIDI folder 80/10/10 by a hash of each file's name (default: all train)" };
        var command = new Command("info", "Pieces and training samples (after windowing and transposition) per split") { source, json, tags, split };
        window.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var resolver = new LocalDatasetResolver(new DatasetSource(CliServices.Paths.DataDirectory, parse.GetValue(split) ? SplitRule.ByNameHash() : SplitRule.AllTrain),
                CliServices.Datasets.Resolver(UserRepository.LocalUserId));
            var dataset = resolver.Open(parse.GetValue(source)!, parse.GetValue(tags));
            var info = DatasetInfo.Compute(dataset, window.Read(parse));
            parse.Out().WriteLine(parse.GetValue(json) ? info.ToJson() : info.ToText());
            return ExitCodes.Success;
        }));
        return command;
    }
}
