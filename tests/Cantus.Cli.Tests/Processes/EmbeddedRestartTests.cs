using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Cantus.Cli.Tests.Processes;

/// <summary>The embedded server (SQLite) killed with SIGKILL mid-training: after a restart the job resumes from its last checkpoint, and the database is intact.</summary>
public sealed class EmbeddedRestartTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-restart-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task KilledServer_ResumesTheJobAfterRestart_FromItsLastCheckpoint()
    {
        var data = TrainingJobClient.DataDirectory(_root);
        const int every = 20;
        string id;
        int killedAt;
        using (var first = CantusServer.Serve(data))
        {
            await first.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            using var client = first.Client();
            id = await TrainingJobClient.SubmitLongJobAsync(client, every);
            var job = await TrainingJobClient.WaitForAsync(client, id, j => TrainingJobClient.Iteration(j) >= every + 5, TimeSpan.FromSeconds(60));
            killedAt = TrainingJobClient.Iteration(job);
            first.Kill();
        }
        using (var integrity = new SqliteConnection($"Data Source={Path.Combine(data, "cantus.db")};Pooling=false"))
        {
            integrity.Open();
            using var command = integrity.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", command.ExecuteScalar());
        }
        var clock = Stopwatch.StartNew();
        using var second = CantusServer.Serve(data);
        await second.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var again = second.Client();
        var resumed = await TrainingJobClient.WaitForAsync(again, id, j => TrainingJobClient.State(j) == "training" && j.GetProperty("attempts").GetInt32() >= 2,
            TimeSpan.FromSeconds(60));
        var resumedAfter = clock.Elapsed;
        var from = TrainingJobClient.Iteration(resumed);
        // It continues from the last checkpoint: at most one checkpoint interval lost, never from scratch.
        Assert.True(from >= killedAt - every - 1 && from >= every, $"resumed at iteration {from} after the kill at {killedAt} (checkpoints every {every})");
        Assert.True(resumedAfter < TimeSpan.FromSeconds(60), $"resumed after {resumedAfter}");
        var later = await TrainingJobClient.WaitForAsync(again, id, j => TrainingJobClient.Iteration(j) > from + 5, TimeSpan.FromSeconds(30));
        Assert.Equal("training", TrainingJobClient.State(later));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await again.PostAsync($"/api/training-jobs/{id}/cancel", null)).StatusCode);
        await TrainingJobClient.WaitForAsync(again, id, j => TrainingJobClient.State(j) == "canceled", TimeSpan.FromSeconds(5));
    }
}
