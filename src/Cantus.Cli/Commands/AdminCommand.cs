using System.CommandLine;
using Cantus.Service;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Migrations;

namespace Cantus.Cli.Commands;

/// <summary><c>cantus admin migrate|backup</c>: database administration.</summary>
internal static class AdminCommand
{
    public static Command Create() => new("admin", "Administer the database: apply migrations, back up the embedded database") { Migrate(), Backup() };

    private static Option<string?> Db() => new("--db") { Description = "The database (default: cantus.db in the data directory)" };

    private static string Connection(ParseResult parse, Option<string?> db) =>
        parse.GetValue(db) ?? Path.Combine(ServicePaths.For().DataDirectory, CantusDatabase.DefaultFileName);

    private static Command Migrate()
    {
        var db = Db();
        var command = new Command("migrate", "Apply the schema migrations the database lacks (the server also does this when it starts)") { db };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var connection = Connection(parse, db);
            if (CantusDatabase.Resolve(connection).Engine == DatabaseEngine.Sqlite) Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(connection))!);
            using var store = CantusStore.OpenAsync(connection).GetAwaiter().GetResult();
            var version = new Migrator(store.Database).GetVersionAsync().GetAwaiter().GetResult();
            foreach (var m in store.Migrated) parse.Out().WriteLine($"applied {m.Version:D4} {m.Name}");
            parse.Out().WriteLine($"{store.Database.Description}: schema version {version}{(store.Migrated.Count == 0 ? " (up to date)" : "")}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Backup()
    {
        var db = Db();
        var to = new Option<FileInfo>("--to", "-o") { Description = "The backup file to write", Required = true };
        var command = new Command("backup", "Copy the embedded SQLite database consistently while the server runs (SQLite's online backup); PostgreSQL: see docs/operations.md") { db, to };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var connection = Connection(parse, db);
            if (CantusDatabase.Resolve(connection).Engine != DatabaseEngine.Sqlite)
                throw CantusException.Invalid("cantus admin backup copies the embedded SQLite database; back PostgreSQL up with pg_dump (docs/operations.md).");
            using var store = CantusStore.OpenAsync(connection).GetAwaiter().GetResult();
            var target = parse.GetValue(to)!.FullName;
            var bytes = SqliteBackup.Run(store.Database, target);
            parse.Out().WriteLine($"backed up {store.Database.Description} to {target} ({bytes} bytes); blobs are files under the data directory's blobs/ folder: copy that folder too");
            return ExitCodes.Success;
        }));
        return command;
    }
}
