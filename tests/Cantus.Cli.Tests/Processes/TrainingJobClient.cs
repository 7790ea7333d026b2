using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cantus.Cli.Tests.Processes;

/// <summary>Submits and follows a small, long training job on the JSB chorales through the API.</summary>
internal static class TrainingJobClient
{
    /// <summary>A data directory holding the JSB chorales (copied from ../shared/datasets, never committed).</summary>
    public static string DataDirectory(string root)
    {
        var folder = Path.Combine(root, "datasets", "jsb-chorales");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(CliRunner.Datasets, "jsb-chorales", "Jsb16thSeparated.json"), Path.Combine(folder, "Jsb16thSeparated.json"));
        return root;
    }

    public static async Task<string> SubmitLongJobAsync(HttpClient client, int checkpointEvery)
    {
        var response = await client.PostAsJsonAsync("/api/training-jobs", new
        {
            dataset = "jsb-chorales", name = "long-job", iterations = 1_000_000, batchSize = 8, criticSteps = 1, filters = 2,
            lowestPitch = 36, pitches = 64, latentChannels = 4, checkpointEvery, metricsEvery = 100_000, evaluationSamples = 4, previewSamples = 2,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string id) => await client.GetFromJsonAsync<JsonElement>($"/api/training-jobs/{id}");

    public static string State(JsonElement job) => job.GetProperty("state").GetString()!;

    public static int Iteration(JsonElement job) => job.GetProperty("progress").GetProperty("iteration").GetInt32();

    public static async Task<JsonElement> WaitForAsync(HttpClient client, string id, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            JsonElement job = default;
            try
            {
                job = await GetAsync(client, id);
                if (done(job)) return job;
            }
            catch (HttpRequestException)
            {
                // the node may be restarting
            }
            if (clock.Elapsed > timeout) throw new TimeoutException($"job {id} did not get there within {timeout}; last seen: {job}");
            await Task.Delay(200);
        }
    }

    /// <summary>The iterations of the job's checkpoints, newest first, straight from the API's event stream is too slow: read them from the losses' end instead.</summary>
    public static async Task<int> LastLossAsync(HttpClient client, string id)
    {
        var losses = await client.GetFromJsonAsync<JsonElement>($"/api/training-jobs/{id}/losses");
        return losses.GetArrayLength() == 0 ? 0 : losses[losses.GetArrayLength() - 1].GetProperty("iteration").GetInt32();
    }
}
