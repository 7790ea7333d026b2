using System.CommandLine;
using Cantus.Service.Errors;
using Cantus.Web.Hosting;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus serve [--urls URL] [--data DIR] [--db CONNECTION] [--no-worker] [--public]</c>: the web
/// server with the REST API (docs/api.md) and, unless told otherwise, a worker that runs training
/// jobs; bound to 127.0.0.1 for the single local user by default.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Where the server listens unless told otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5217";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'", DefaultValueFactory = _ => DefaultUrl };
        var data = new Option<DirectoryInfo?>("--data") { Description = "The data directory (default: $CANTUS_DATA, else ~/.local/share/cantus); datasets under datasets/<name>/" };
        var db = new Option<string?>("--db") { Description = "The database: a PostgreSQL connection string or postgres:// URI, or a SQLite file (default: cantus.db in the data directory)" };
        var noWorker = new Option<bool>("--no-worker") { Description = "Run no training jobs in this process (a web node of a cluster whose workers run them)" };
        var isPublic = new Option<bool>("--public") { Description = "Accounts: sign-in for the console, API tokens for scripts, each user's things private (give --urls to listen beyond 127.0.0.1)" };
        var command = new Command("serve", "Run the web server: REST API under /api, its reference at /api/reference, training jobs") { urls, data, db, noWorker, isPublic };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var address = parse.GetValue(urls)!;
            foreach (var url in address.Split(';', StringSplitOptions.RemoveEmptyEntries))
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw CantusException.Invalid($"--urls takes http:// or https:// addresses, not '{url}'.");
            var args = new List<string> { "--urls", address };
            if (parse.GetValue(data) is { } folder) args.AddRange(["--Cantus:Data", folder.FullName]);
            if (parse.GetValue(db) is { } connection) args.AddRange(["--Cantus:Database", connection]);
            if (parse.GetValue(noWorker)) args.AddRange(["--Cantus:Worker", "false"]);
            if (parse.GetValue(isPublic)) args.AddRange(["--Cantus:Public", "true"]);
            var app = CantusWeb.Build([.. args]);
            parse.Out().WriteLine($"cantus: serving on {address} (API reference: {address.Split(';')[0].TrimEnd('/')}/api/reference); Ctrl-C stops");
            parse.Out().Flush();
            app.Run();
            return ExitCodes.Success;
        }));
        return command;
    }
}
