using System.Diagnostics;
using System.Net;
using Npgsql;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// A cluster on PostgreSQL: a web node that runs no jobs and two workers. The worker training a
/// job is killed with SIGKILL; the other takes the job over within 60 s and resumes it from its
/// last checkpoint; the two never train it at once; a cancel through the web node reaches the
/// worker running it.
/// </summary>
public sealed class WorkerTakeoverTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-cluster-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PostgresFact]
    public async Task KilledWorker_ItsJobIsTakenOverAndResumed_NoOverlap_CancelReachesTheNewWorker()
    {
        using var database = new PostgresDatabase();
        var data = TrainingJobClient.DataDirectory(_root);
        const int every = 20;
        using var web = CantusServer.Serve(data, database.ConnectionString, worker: false);
        await web.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var client = web.Client();
        using var first = CantusServer.Worker(data, database.ConnectionString);
        await first.WaitForOutputAsync("cantus: worker on", TimeSpan.FromSeconds(60));
        var id = await TrainingJobClient.SubmitLongJobAsync(client, every);
        await TrainingJobClient.WaitForAsync(client, id, j => TrainingJobClient.Iteration(j) >= every + 5, TimeSpan.FromSeconds(60));
        using var second = CantusServer.Worker(data, database.ConnectionString);
        await second.WaitForOutputAsync("cantus: worker on", TimeSpan.FromSeconds(60));
        var before = await TrainingJobClient.GetAsync(client, id);
        var killedAt = TrainingJobClient.Iteration(before);
        first.Kill();
        var clock = Stopwatch.StartNew();
        var taken = await TrainingJobClient.WaitForAsync(client, id,
            j => j.GetProperty("attempts").GetInt32() >= 2 && TrainingJobClient.State(j) == "training", TimeSpan.FromSeconds(60));
        var takeover = clock.Elapsed;
        var from = TrainingJobClient.Iteration(taken);
        Assert.True(from >= killedAt - every - 1 && from >= every, $"resumed at iteration {from} after the kill at {killedAt} (checkpoints every {every})");
        await TrainingJobClient.WaitForAsync(client, id, j => TrainingJobClient.Iteration(j) > from + 5, TimeSpan.FromSeconds(30));

        // No overlap: the fence moved on exactly once per run, and the dead worker's run wrote nothing after it.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT fence_epoch, attempts FROM training_jobs WHERE id = '{id}'";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(2, reader.GetInt32(0));
            Assert.Equal(2, reader.GetInt32(1));
        }

        var cancelClock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/training-jobs/{id}/cancel", null)).StatusCode);
        await TrainingJobClient.WaitForAsync(client, id, j => TrainingJobClient.State(j) == "canceled", TimeSpan.FromSeconds(5));
        Assert.True(cancelClock.Elapsed < TimeSpan.FromSeconds(5), $"cancel took {cancelClock.Elapsed}");
        Assert.True(takeover < TimeSpan.FromSeconds(60), $"takeover took {takeover}");
        FaultFigures.Print("WorkerTakeoverTests", $"takeover after SIGKILL: {takeover.TotalSeconds:F1} s; resumed at iteration {from} (killed at {killedAt}); cancel {cancelClock.Elapsed.TotalSeconds:F1} s");
    }
}
