using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// <c>cantus worker</c> reads the <c>Cantus</c> section as <c>cantus serve</c> does: appsettings.json in
/// its working directory, then the environment (<c>Cantus__Jobs__…</c>), then its options, each
/// winning over the one before; the job settings reach the scheduler (its check-in interval, as
/// Quartz records it in <c>qrtz_scheduler_state</c>).
/// </summary>
public sealed class WorkerConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-worker-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static void WriteSettings(string folder, object cantus) =>
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), JsonSerializer.Serialize(new { Cantus = cantus }));

    [Fact]
    public void WithoutADatabaseAnywhere_ItSaysWhereToGiveIt()
    {
        using var worker = CantusServer.Worker(["--data", Folder("data")], Folder("empty"));
        Assert.Equal(1, worker.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Contains("cantus: error: A worker needs the cluster's PostgreSQL database: give --db, or set Cantus:Database", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AConcurrencyFromTheEnvironment_IsChecked_BeforeTheDatabaseIsReached()
    {
        var environment = new Dictionary<string, string> { ["Cantus__Jobs__WorkerConcurrency"] = "0", ["Cantus__Database"] = "postgres://cantus@127.0.0.1:9/cantus" };
        using var worker = CantusServer.Worker(["--data", Folder("data")], Folder("cwd"), environment);
        Assert.Equal(1, worker.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Contains("--jobs (Cantus:Jobs:WorkerConcurrency) must be 1..64, not 0.", worker.Output, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task TheFile_TheEnvironment_AndTheOptions_EachWinOverTheOneBefore()
    {
        // The file gives the database and the job settings; the environment overrides the concurrency; the options override both.
        using (var database = new PostgresDatabase())
        {
            var cwd = Folder("with-file");
            WriteSettings(cwd, new { Database = database.ConnectionString, Jobs = new { WorkerConcurrency = 4, CheckinInterval = "00:00:07" } });
            using var worker = CantusServer.Worker(["--data", Folder("data1")], cwd, new Dictionary<string, string> { ["Cantus__Jobs__WorkerConcurrency"] = "3" });
            await worker.WaitForOutputAsync("cantus: worker on", TimeSpan.FromSeconds(90));
            Assert.Contains(", 3 job(s) at once", worker.Output, StringComparison.Ordinal);
            Assert.Equal(7000, await CheckinIntervalAsync(database.ConnectionString));
        }
        using (var database = new PostgresDatabase())
        {
            var cwd = Folder("with-options");
            WriteSettings(cwd, new { Database = "postgres://nobody@127.0.0.1:9/not-this-one", Jobs = new { WorkerConcurrency = 4 } });
            using var worker = CantusServer.Worker(["--data", Folder("data2"), "--db", database.ConnectionString, "--jobs", "2"], cwd,
                new Dictionary<string, string> { ["Cantus__Jobs__WorkerConcurrency"] = "3" });
            await worker.WaitForOutputAsync("cantus: worker on", TimeSpan.FromSeconds(90));
            Assert.Contains(", 2 job(s) at once", worker.Output, StringComparison.Ordinal);
        }
    }

    [PostgresFact]
    public async Task TheEnvironmentAlone_ConfiguresAWorker()
    {
        using var database = new PostgresDatabase();
        var environment = new Dictionary<string, string>
        {
            ["Cantus__Database"] = database.ConnectionString, ["Cantus__Data"] = Folder("data"), ["Cantus__Jobs__CheckinInterval"] = "00:00:09",
        };
        using var worker = CantusServer.Worker([], Folder("cwd"), environment);
        await worker.WaitForOutputAsync("cantus: worker on", TimeSpan.FromSeconds(90));
        Assert.Contains(", 1 job(s) at once", worker.Output, StringComparison.Ordinal);
        Assert.Equal(9000, await CheckinIntervalAsync(database.ConnectionString));
    }

    /// <summary>The check-in interval (ms) Quartz recorded for the worker's scheduler, once it checked in.</summary>
    private static async Task<long> CheckinIntervalAsync(string connectionString)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT checkin_interval FROM qrtz_scheduler_state", connection);
                try
                {
                    if (await command.ExecuteScalarAsync() is long interval) return interval;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    // Quartz has not made its tables yet.
                }
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("The worker's scheduler did not check in within 30 s.");
            await Task.Delay(200);
        }
    }
}
