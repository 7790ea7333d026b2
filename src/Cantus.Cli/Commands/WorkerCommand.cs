using System.CommandLine;
using Cantus.Service;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Jobs;
using Cantus.Service.Models;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Maintenance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus worker --db CONNECTION [--data DIR] [--jobs N]</c>: a process that runs training jobs
/// for a PostgreSQL deployment, in a cluster with every other worker on that database, and storage
/// maintenance (configuration <c>Cantus:Maintenance:*</c> from the environment or appsettings.json).
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The PostgreSQL database shared by the cluster (connection string or postgres:// URI)", Required = true };
        var data = new Option<DirectoryInfo?>("--data") { Description = "The data directory: the cache of datasets unpacked from the database, and built-in dataset files to seed it with (default: $CANTUS_DATA, else ~/.local/share/cantus)" };
        var jobs = new Option<int>("--jobs") { Description = "Training jobs run at once (training already uses every core)", DefaultValueFactory = _ => 1 };
        var command = new Command("worker", "Run training jobs for a cluster on PostgreSQL (Ctrl-C stops after a checkpoint; another worker resumes the job)") { db, data, jobs };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var connection = parse.GetValue(db)!;
            if (CantusDatabase.Resolve(connection).Engine != DatabaseEngine.PostgreSql)
                throw CantusException.Invalid("A worker needs PostgreSQL: SQLite cannot be shared by processes, and 'cantus serve' already runs the jobs of a SQLite database.");
            var n = parse.GetValue(jobs);
            if (n is < 1 or > 64) throw CantusException.Invalid("--jobs must be 1..64.");
            var paths = ServicePaths.For(parse.GetValue(data)?.FullName);
            var builder = Host.CreateApplicationBuilder([]);
            if (builder.Configuration["Logging:LogLevel:Quartz"] is null) builder.Logging.AddFilter("Quartz", LogLevel.Warning); // the scheduler's info lines are noise unless asked for
            builder.Services.AddSingleton(paths);
            builder.Services.AddSingleton(_ => CantusStore.OpenWhenAvailableAsync(connection, m => Console.Error.WriteLine($"cantus: {m}")).GetAwaiter().GetResult());
            builder.Services.AddSingleton(sp => new ModelLibrary(paths, sp.GetRequiredService<CantusStore>));
            builder.Services.AddSingleton(sp => new DatasetLibrary(paths, sp.GetRequiredService<CantusStore>));
            builder.Services.AddHostedService<BuiltInDatasetSeeding>();
            builder.Services.AddCantusJobs(connection, new JobSettings { WorkerConcurrency = n }, runWorker: true);
            // Unlike the other keys, Cantus:Maintenance:* reaches a worker too (environment, appsettings.json): an operator may turn it off on some nodes.
            builder.Services.AddCantusMaintenance(builder.Configuration.GetSection(MaintenanceSettings.Section).Get<MaintenanceSettings>() ?? new MaintenanceSettings());
            using var host = builder.Build();
            host.Services.GetRequiredService<CantusStore>(); // migrate before taking work
            parse.Out().WriteLine($"cantus: worker on {host.Services.GetRequiredService<CantusStore>().Database.Description}, {n} job(s) at once; Ctrl-C stops");
            parse.Out().Flush();
            host.Run();
            return ExitCodes.Success;
        }));
        return command;
    }
}
