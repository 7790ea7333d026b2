using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// Everything a worker needs is in PostgreSQL: a web node whose data directory holds the JSB
/// chorales stores them in the database at start; a worker on a fresh, empty data directory, given
/// only the connection string, trains a job on them to completion (the dataset unpacked from the
/// database into its cache).
/// </summary>
public sealed class EmptyDataDirectoryWorkerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-empty-worker-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PostgresFact]
    public async Task AWorkerWithAnEmptyDataDirectory_TrainsOnTheBuiltInDatasetFromTheDatabase()
    {
        using var database = new PostgresDatabase();
        var webData = TrainingJobClient.DataDirectory(Path.Combine(_root, "web"));
        var workerData = Directory.CreateDirectory(Path.Combine(_root, "worker")).FullName;
        using var web = CantusServer.Serve(webData, database.ConnectionString, worker: false);
        await web.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var client = web.Client();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("name").GetString() == "jsb-chorales" && d.GetProperty("available").GetBoolean());

        using var worker = CantusServer.Worker(workerData, database.ConnectionString);
        await worker.WaitForOutputAsync("cantus: worker on", TimeSpan.FromSeconds(60));
        var response = await client.PostAsJsonAsync("/api/training-jobs", new
        {
            dataset = "jsb-chorales", name = "from-the-database", iterations = 6, batchSize = 8, criticSteps = 1, filters = 2,
            lowestPitch = 36, pitches = 64, latentChannels = 4, checkpointEvery = 3, metricsEvery = 3, evaluationSamples = 4, previewSamples = 2,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        var done = await TrainingJobClient.WaitForAsync(client, id, j => TrainingJobClient.State(j) is "completed" or "failed" or "canceled", TimeSpan.FromSeconds(180));
        Assert.True(TrainingJobClient.State(done) == "completed", $"{done}\nworker:\n{worker.Output}");
        Assert.Equal(6, TrainingJobClient.Iteration(done));
        Assert.Equal(JsonValueKind.String, done.GetProperty("resultModel").ValueKind);

        // The worker read the dataset from the database: nothing under its datasets/, the files in its cache.
        Assert.False(Directory.Exists(Path.Combine(workerData, "datasets")));
        var cached = Assert.Single(Directory.GetDirectories(Path.Combine(workerData, "cache", "datasets")));
        Assert.True(File.Exists(Path.Combine(cached, "Jsb16thSeparated.json")));
    }
}
