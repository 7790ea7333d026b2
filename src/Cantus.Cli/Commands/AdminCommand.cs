using System.CommandLine;
using Cantus.Service;
using Cantus.Service.Accounts;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Migrations;

namespace Cantus.Cli.Commands;

/// <summary><c>cantus admin users|tokens|migrate|backup|datasets|gc</c>: database administration.</summary>
internal static class AdminCommand
{
    public static Command Create() => new("admin", "Administer the service: users and API tokens, migrations, backups, built-in datasets, storage clean-up")
    {
        Users(), Tokens(), Migrate(), Backup(), AdminDatasetsCommand.Create(), AdminGcCommand.Create(),
    };

    /// <summary>Environment variable a script may pass a password in (else it is read from standard input).</summary>
    public const string PasswordVariable = "CANTUS_PASSWORD";

    private static Command Users()
    {
        var add = new Command("add", $"Create a user; the password comes from ${PasswordVariable} or the first line of standard input");
        var name = new Argument<string>("NAME") { Description = "Sign-in name" };
        var admin = new Option<bool>("--admin") { Description = "An administrator" };
        var db = Db();
        add.Arguments.Add(name);
        add.Options.Add(admin);
        add.Options.Add(db);
        add.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var store = Open(parse, db);
            var user = new AccountService(store).CreateUserAsync(parse.GetValue(name)!, ReadPassword(parse), parse.GetValue(admin)).GetAwaiter().GetResult();
            parse.Out().WriteLine($"created {(user.IsAdmin ? "administrator" : "user")} {user.Name}");
            return ExitCodes.Success;
        }));
        var password = new Command("password", $"Set a user's password (from ${PasswordVariable} or standard input)");
        var who = new Argument<string>("NAME") { Description = "Sign-in name" };
        var db2 = Db();
        password.Arguments.Add(who);
        password.Options.Add(db2);
        password.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var store = Open(parse, db2);
            new AccountService(store).SetPasswordAsync(parse.GetValue(who)!, ReadPassword(parse)).GetAwaiter().GetResult();
            parse.Out().WriteLine($"password of {parse.GetValue(who)} set");
            return ExitCodes.Success;
        }));
        var list = new Command("list", "List the users");
        var db3 = Db();
        list.Options.Add(db3);
        list.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var store = Open(parse, db3);
            foreach (var u in new AccountService(store).ListUsersAsync().GetAwaiter().GetResult())
                parse.Out().WriteLine($"{u.Name}{(u.IsAdmin ? " (admin)" : "")}{(u.Disabled ? " (disabled)" : "")}");
            return ExitCodes.Success;
        }));
        return new Command("users", "Users of a public server") { add, password, list };
    }

    private static Command Tokens()
    {
        var create = new Command("create", "Create a personal API token for a user; the secret is printed once");
        var user = new Argument<string>("USER") { Description = "Sign-in name" };
        var name = new Argument<string>("NAME") { Description = "What the token is for" };
        var db = Db();
        create.Arguments.Add(user);
        create.Arguments.Add(name);
        create.Options.Add(db);
        create.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var store = Open(parse, db);
            var owner = store.Users.FindByNameAsync(parse.GetValue(user)!.Trim().ToLowerInvariant()).GetAwaiter().GetResult()
                ?? throw CantusException.NotFound($"There is no user named '{parse.GetValue(user)}'.");
            var token = new AccountService(store).CreateTokenAsync(owner.Id, parse.GetValue(name)!).GetAwaiter().GetResult();
            parse.Out().WriteLine(token.Secret);
            parse.Err().WriteLine($"token {token.Token.Id} for {owner.Name}: send it as 'Authorization: Bearer <token>'; it is shown only now");
            return ExitCodes.Success;
        }));
        return new Command("tokens", "Personal API tokens") { create };
    }

    private static CantusStore Open(ParseResult parse, Option<string?> db)
    {
        var connection = Connection(parse, db);
        if (CantusDatabase.Resolve(connection).Engine == DatabaseEngine.Sqlite) Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(connection))!);
        return CantusStore.OpenAsync(connection).GetAwaiter().GetResult();
    }

    private static string ReadPassword(ParseResult parse)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected) parse.Err().Write("password: ");
            password = Console.In.ReadLine();
        }
        return password ?? throw CantusException.Invalid($"Give the password in ${PasswordVariable} or on standard input.");
    }

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
