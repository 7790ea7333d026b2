using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// PostgreSQL goes away for a few seconds while a job trains on a worker and requests keep
/// arriving at a web node: clients get 503 with Retry-After for the outage (never a 500), the
/// worker reconnects and the job completes, once, with no iteration written twice.
/// </summary>
public sealed class PostgresRestartTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-pgrestart-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PostgresInstalledFact]
    public async Task An_outage_is_503_with_Retry_After_and_the_job_completes_once()
    {
        using var postgres = new TemporaryPostgres();
        var data = TrainingJobClient.DataDirectory(_root);
        using var web = CantusServer.Serve(data, postgres.ConnectionString, worker: false);
        await web.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var worker = CantusServer.Worker(data, postgres.ConnectionString);
        await worker.WaitForOutputAsync("cantus: worker on", TimeSpan.FromSeconds(60));
        using var client = web.Client();
        const int iterations = 400, every = 40;
        var response = await client.PostAsJsonAsync("/api/training-jobs", new
        {
            dataset = "jsb-chorales", name = "outage", iterations, batchSize = 8, criticSteps = 1, filters = 2, lowestPitch = 36, pitches = 64,
            latentChannels = 4, checkpointEvery = every, metricsEvery = 100, evaluationSamples = 4, previewSamples = 2,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await TrainingJobClient.WaitForAsync(client, id, j => TrainingJobClient.Iteration(j) >= every + 5, TimeSpan.FromSeconds(90));

        // Requests keep coming during the outage; every answer is recorded.
        var statuses = new List<(HttpStatusCode Status, string? RetryAfter, string Body)>();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var r = await client.GetAsync($"/api/training-jobs/{id}");
                    var body = await r.Content.ReadAsStringAsync();
                    lock (statuses) statuses.Add((r.StatusCode, r.Headers.RetryAfter?.ToString(), body));
                }
                catch (HttpRequestException e)
                {
                    lock (statuses) statuses.Add((0, null, e.Message));
                }
                await Task.Delay(100);
            }
        });
        postgres.Stop();
        var outage = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(6));
        postgres.Start();
        var down = outage.Elapsed;
        var done = await TrainingJobClient.WaitForAsync(client, id, j => TrainingJobClient.State(j) is "completed" or "failed" or "canceled", TimeSpan.FromSeconds(180));
        await stop.CancelAsync();
        await load;

        List<(HttpStatusCode Status, string? RetryAfter, string Body)> seen;
        lock (statuses) seen = [.. statuses];
        var unavailable = seen.Where(s => s.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var summary = string.Join(", ", seen.GroupBy(s => s.Status).Select(g => $"{(int)g.Key}×{g.Count()}"));
        Assert.True(seen.All(s => s.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable),
            $"answers during the outage: {summary}; first odd one: {seen.FirstOrDefault(s => s.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).Body}");
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, s => Assert.False(string.IsNullOrEmpty(s.RetryAfter), "a 503 without Retry-After"));
        Assert.Equal("completed", TrainingJobClient.State(done));
        Assert.Equal(iterations, TrainingJobClient.Iteration(done));

        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Every iteration's losses once, none missing: the run continued where it was, or from its checkpoint, and rewrote nothing twice.
        command.CommandText = "SELECT count(*), min(iteration), max(iteration) FROM job_losses WHERE job_id = @id";
        command.Parameters.AddWithValue("id", id);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(iterations, reader.GetInt32(2));
            Assert.Equal(reader.GetInt32(2) - reader.GetInt32(1) + 1, reader.GetInt64(0));
        }
        command.CommandText = "SELECT count(*) FROM models WHERE name = 'outage'";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        FaultFigures.Print("PostgresRestartTests", $"outage of {down.TotalSeconds:F1} s: {summary}; job completed at iteration {TrainingJobClient.Iteration(done)}, attempts {done.GetProperty("attempts").GetInt32()}");
    }

    [PostgresInstalledFact]
    public async Task A_node_started_before_its_database_waits_for_it_then_serves()
    {
        using var postgres = new TemporaryPostgres();
        postgres.Stop();
        var data = TrainingJobClient.DataDirectory(_root);
        using var web = CantusServer.Serve(data, postgres.ConnectionString, worker: false);
        using var worker = CantusServer.Worker(data, postgres.ConnectionString);
        await web.WaitForOutputAsync("the database does not answer", TimeSpan.FromSeconds(60));
        await worker.WaitForOutputAsync("the database does not answer", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));
        postgres.Start();
        await web.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        await worker.WaitForOutputAsync("cantus: worker on", TimeSpan.FromSeconds(60));
        using var client = web.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/models")).StatusCode);
    }
}
