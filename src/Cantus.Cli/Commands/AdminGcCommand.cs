using System.CommandLine;
using Cantus.Service;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Maintenance;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus admin gc [--db CONNECTION] [--data DIR] [--older-than AGE] [--dry-run]</c>: one pass of
/// the storage maintenance every node runs each hour, now: blobs nothing refers to, and dataset
/// cache folders no dataset uses (docs/operations.md, "Storage maintenance").
/// </summary>
internal static class AdminGcCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "The database (default: cantus.db in the data directory)" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "The data directory whose dataset cache is pruned, and whose cantus.db is the default database (default: $CANTUS_DATA, else ~/.local/share/cantus)" };
        var olderThan = new Option<string?>("--older-than") { Description = "Delete only what was last stored or used longer ago than this: 90s, 30m, 1h, 1h30m, 2d (default 1h, the grace period that protects a blob just uploaded)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be deleted, and delete nothing" };
        var command = new Command("gc", "Delete now the blobs that nothing refers to and the dataset cache folders no dataset uses (what every node does each hour)") { db, data, olderThan, dryRun };
        command.SetAction((parse, ct) => Task.FromResult(CommandRunner.Run(parse, () =>
        {
            TimeSpan? age = parse.GetValue(olderThan) is { } text ? OptionValues.Duration(text, "--older-than") : null;
            var paths = ServicePaths.For(parse.GetValue(data)?.FullName);
            var connection = parse.GetValue(db) ?? Path.Combine(paths.DataDirectory, CantusDatabase.DefaultFileName);
            if (CantusDatabase.Resolve(connection).Engine == DatabaseEngine.Sqlite)
            {
                // Cleaning up creates nothing: not an empty database where none was.
                using var probe = CantusDatabase.Open(connection);
                if (!File.Exists(probe.SqliteFile))
                    throw CantusException.NotFound($"There is no database at {probe.SqliteFile}: give --db, or --data with the data directory that holds cantus.db.");
            }
            using var store = CantusStore.OpenAsync(connection, cancellationToken: ct).GetAwaiter().GetResult();
            var report = new StoreMaintenance(store, paths).RunAsync(age, parse.GetValue(dryRun), ct).GetAwaiter().GetResult();
            parse.Out().WriteLine($"{store.Database.Description}, {paths.DataDirectory}: {report.Describe()}");
            return ExitCodes.Success;
        })));
        return command;
    }
}
