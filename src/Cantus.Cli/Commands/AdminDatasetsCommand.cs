using System.CommandLine;
using Cantus.Service;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Storage;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus admin datasets seed --from FOLDER [--db CONNECTION]</c>: stores the built-in datasets
/// found in a folder (such as <c>../shared/datasets</c>) in the database, checked against their
/// published SHA-256s, without network: how an operator prepares an offline cluster.
/// </summary>
internal static class AdminDatasetsCommand
{
    public static Command Create() => new("datasets", "The built-in datasets in the database (what every node of a cluster trains on)") { Seed() };

    private static Command Seed()
    {
        var db = new Option<string?>("--db") { Description = "The database (default: cantus.db in the data directory)" };
        var from = new Option<DirectoryInfo>("--from") { Description = "A folder holding jsb-chorales/Jsb16thSeparated.json and/or lab-snippets/ (or deepcomposer-jsb-2bar/), e.g. ../shared/datasets, or a data directory", Required = true };
        var command = new Command("seed", "Store the built-in datasets of a folder in the database (SHA-256 checked, no network); the ones it already has are left as they are") { db, from };
        command.SetAction((parse, ct) => Task.FromResult(CommandRunner.Run(parse, () =>
        {
            var folder = parse.GetValue(from)!.FullName;
            if (!Directory.Exists(folder)) throw CantusException.NotFound($"There is no folder {folder}.");
            var paths = ServicePaths.For();
            var connection = parse.GetValue(db) ?? Path.Combine(paths.DataDirectory, CantusDatabase.DefaultFileName);
            if (CantusDatabase.Resolve(connection).Engine == DatabaseEngine.Sqlite) Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(connection))!);
            using var store = CantusStore.OpenAsync(connection, cancellationToken: ct).GetAwaiter().GetResult();
            var results = new DatasetLibrary(paths, () => store).SeedAsync(folder, ct).GetAwaiter().GetResult();
            foreach (var r in results)
            {
                if (r.Outcome == DatasetSeedOutcome.Refused) parse.Err().WriteLine($"cantus: refused: {r.Detail}");
                else parse.Out().WriteLine(r.Detail);
            }
            if (results.Any(r => r.Outcome == DatasetSeedOutcome.Refused)) return ExitCodes.BadInput;
            if (results.All(r => r.Outcome == DatasetSeedOutcome.NotPresent))
                throw CantusException.NotFound($"{folder} holds none of the built-in datasets (jsb-chorales/{Music.Datasets.JsbChoralesLoader.FileName}, lab-snippets/ or deepcomposer-jsb-2bar/).");
            return ExitCodes.Success;
        })));
        return command;
    }
}
