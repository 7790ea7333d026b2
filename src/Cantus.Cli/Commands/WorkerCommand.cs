using System.CommandLine;
using System.Globalization;
using Cantus.Service;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Jobs;
using Cantus.Service.Models;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Maintenance;
using Cantus.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus worker [--db CONNECTION] [--data DIR] [--jobs N]</c>: a process that runs training jobs
/// for a PostgreSQL deployment, in a cluster with every other worker on that database. It reads the
/// <c>Cantus</c> section as <c>cantus serve</c> does (appsettings.json and appsettings.&lt;environment&gt;.json
/// in the working directory, then environment variables <c>Cantus__…</c>), its options winning:
/// <c>--db</c> is <c>Cantus:Database</c>, <c>--data</c> <c>Cantus:Data</c>, <c>--jobs</c> <c>Cantus:Jobs:WorkerConcurrency</c>,
/// and every other <c>Cantus:Jobs:*</c> and <c>Cantus:Maintenance:*</c> key applies too.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "The PostgreSQL database shared by the cluster (connection string or postgres:// URI; default: the setting Cantus:Database)" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "The data directory: the cache of datasets unpacked from the database, and built-in dataset files to seed it with (default: Cantus:Data, else $CANTUS_DATA, else ~/.local/share/cantus)" };
        var jobs = new Option<int?>("--jobs") { Description = "Training jobs run at once (default: Cantus:Jobs:WorkerConcurrency, else 1; training already uses every core)" };
        var command = new Command("worker", "Run training jobs for a cluster on PostgreSQL (Ctrl-C stops after a checkpoint; another worker resumes the job)") { db, data, jobs };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            // The options become configuration given last, so that they win over the files and the environment, as for 'cantus serve'.
            var args = new List<string>();
            if (parse.GetValue(db) is { } connectionOption) args.AddRange(["--Cantus:Database", connectionOption]);
            if (parse.GetValue(data) is { } folder) args.AddRange(["--Cantus:Data", folder.FullName]);
            if (parse.GetValue(jobs) is { } n) args.AddRange(["--Cantus:Jobs:WorkerConcurrency", n.ToString(CultureInfo.InvariantCulture)]);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = [.. args],
                ContentRootPath = Environment.CurrentDirectory,
                // As the web host: ASPNETCORE_ENVIRONMENT, else DOTNET_ENVIRONMENT, so both kinds of node read the same appsettings.<environment>.json.
                EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
            });
            var settings = CantusWeb.Settings(builder.Configuration);
            var connection = settings.Database;
            if (string.IsNullOrWhiteSpace(connection))
                throw CantusException.Invalid("A worker needs the cluster's PostgreSQL database: give --db, or set Cantus:Database (environment Cantus__Database, or appsettings.json).");
            if (CantusDatabase.Resolve(connection).Engine != DatabaseEngine.PostgreSql)
                throw CantusException.Invalid("A worker needs PostgreSQL: SQLite cannot be shared by processes, and 'cantus serve' already runs the jobs of a SQLite database.");
            var concurrency = settings.Jobs.WorkerConcurrency;
            if (concurrency is < 1 or > 64) throw CantusException.Invalid($"--jobs (Cantus:Jobs:WorkerConcurrency) must be 1..64, not {concurrency}.");
            var paths = ServicePaths.For(settings.Data) with { SampleModelsDirectory = settings.SampleModels ?? ServicePaths.FindSampleModels() };
            if (builder.Configuration["Logging:LogLevel:Quartz"] is null) builder.Logging.AddFilter("Quartz", LogLevel.Warning); // the scheduler's info lines are noise unless asked for
            builder.Services.AddSingleton(paths);
            builder.Services.AddSingleton(_ => CantusStore.OpenWhenAvailableAsync(connection, m => Console.Error.WriteLine($"cantus: {m}")).GetAwaiter().GetResult());
            builder.Services.AddSingleton(sp => new ModelLibrary(paths, sp.GetRequiredService<CantusStore>));
            builder.Services.AddSingleton(sp => new DatasetLibrary(paths, sp.GetRequiredService<CantusStore>));
            builder.Services.AddHostedService<BuiltInDatasetSeeding>();
            builder.Services.AddCantusJobs(connection, settings.Jobs, runWorker: true);
            builder.Services.AddCantusMaintenance(settings.Maintenance); // blobs nothing refers to, and this node's unused dataset cache
            using var host = builder.Build();
            host.Services.GetRequiredService<CantusStore>(); // migrate before taking work
            parse.Out().WriteLine($"cantus: worker on {host.Services.GetRequiredService<CantusStore>().Database.Description}, {concurrency} job(s) at once; Ctrl-C stops");
            parse.Out().Flush();
            host.Run();
            return ExitCodes.Success;
        }));
        return command;
    }
}
