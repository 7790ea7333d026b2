using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Music.PianoRolls;

namespace Cantus.Web.Tests.Api;

public sealed class TrainingJobsApiTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public TrainingJobsApiTests(CantusWebFactory factory) => _client = factory.CreateClient();

    internal static readonly object TinyRecipe = new
    {
        iterations = 4, batchSize = 3, criticSteps = 2, hop = 8, transposition = "2", checkpointEvery = 2, metricsEvery = 2,
        evaluationSamples = 4, previewSamples = 2, seed = 11, filters = 2, lowestPitch = 48, pitches = 32, latentChannels = 4,
    };

    internal static Dictionary<string, object> Recipe(string dataset, string name, params (string Key, object Value)[] changes)
    {
        var recipe = JsonSerializer.Deserialize<Dictionary<string, object>>(JsonSerializer.Serialize(TinyRecipe))!;
        recipe["dataset"] = dataset;
        recipe["name"] = name;
        foreach (var (k, v) in changes) recipe[k] = v;
        return recipe;
    }

    internal static async Task<string> TinyDataset(HttpClient client, string name)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            for (var i = 0; i < 12; i++)
            {
                var m = new Multitrack(64);
                foreach (var b in new[] { 68, 62, 56, 50 })
                {
                    var track = m.AddTrack($"v{b}");
                    for (var t = 0; t < 64; t++) track[t, b + (t / 4 + i) % 5] = 80;
                }
                using var entry = archive.CreateEntry($"piece{i}.mid").Open();
                MultitrackToMidi.Convert(m).Write(entry);
            }
        var form = new MultipartFormDataContent { { new StringContent(name), "name" }, { new ByteArrayContent(zip.ToArray()), "archive", "tiny.zip" } };
        var response = await client.PostAsync("/api/datasets", form);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        return name;
    }

    private Task<string> TinyDataset(string name) => TinyDataset(_client, name);

    private Task<JsonElement> WaitFor(string id, Func<JsonElement, bool> done, TimeSpan timeout) => WaitFor(_client, id, done, timeout);

    internal static async Task<JsonElement> WaitFor(HttpClient client, string id, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/training-jobs/{id}");
            if (done(job)) return job;
            Assert.True(clock.Elapsed < timeout, $"job {id} did not get there within {timeout}: {job}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Train_Follow_Complete_ThenComposeWithTheNewModel()
    {
        var dataset = await TinyDataset("tiny-train");
        var submitted = await _client.PostAsJsonAsync("/api/training-jobs", Recipe(dataset, "tiny-model"));
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, body);
        var job = JsonDocument.Parse(body).RootElement;
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal($"/api/training-jobs/{id}", submitted.Headers.Location?.OriginalString);
        Assert.Equal(4, job.GetProperty("progress").GetProperty("iterations").GetInt32());
        Assert.Equal(JsonValueKind.Number, job.GetProperty("progress").GetProperty("iteration").ValueKind);

        // The event stream: job states in order, losses, metrics and samples, then it ends.
        using var events = await _client.GetAsync($"/api/training-jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        var text = await events.Content.ReadAsStringAsync();
        var names = text.Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l[7..]).ToList();
        Assert.Contains("losses", names);
        Assert.Contains("metrics", names);
        Assert.Contains("sample", names);
        var states = text.Split('\n').Where(l => l.StartsWith("data: {\"id\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l[6..]).RootElement.GetProperty("state").GetString()).Distinct().ToList();
        Assert.Equal("completed", states[^1]);

        var done = await WaitFor(id, j => j.GetProperty("state").GetString() == "completed", TimeSpan.FromSeconds(10));
        Assert.Equal(4, done.GetProperty("progress").GetProperty("iteration").GetInt32());
        Assert.Equal("tiny-model", done.GetProperty("resultModel").GetString());
        var losses = await _client.GetFromJsonAsync<JsonElement>($"/api/training-jobs/{id}/losses");
        Assert.Equal([1, 2, 3, 4], losses.EnumerateArray().Select(l => l.GetProperty("iteration").GetInt32()));
        var samples = await _client.GetFromJsonAsync<JsonElement>($"/api/training-jobs/{id}/samples");
        Assert.Equal([2, 4], samples.EnumerateArray().Select(s => s.GetProperty("iteration").GetInt32()));
        var png = await _client.GetByteArrayAsync(samples[0].GetProperty("png").GetString());
        Assert.Equal(0x89, png[0]);

        var model = await _client.GetFromJsonAsync<JsonElement>("/api/models/tiny-model");
        Assert.Equal(4, model.GetProperty("iterations").GetInt32());
        var composed = await _client.PostAsync("/api/compositions", CompositionsApiTests.Form(CompositionsApiTests.Melody(2), ("model", "tiny-model")));
        Assert.Equal(HttpStatusCode.Created, composed.StatusCode);
    }

    [Fact]
    public async Task Cancel_StopsARunningJobWithinSeconds_ResumeContinues()
    {
        var dataset = await TinyDataset("tiny-cancel");
        var submitted = await (await _client.PostAsJsonAsync("/api/training-jobs", Recipe(dataset, "long-one", ("iterations", 1_000_000), ("checkpointEvery", 20)))).Content.ReadFromJsonAsync<JsonElement>();
        var id = submitted.GetProperty("id").GetString()!;
        await WaitFor(id, j => j.GetProperty("state").GetString() == "training" && j.GetProperty("progress").GetProperty("iteration").GetInt32() > 2, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var cancel = await _client.PostAsync($"/api/training-jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var canceled = await WaitFor(id, j => j.GetProperty("state").GetString() == "canceled", TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"cancel took {clock.Elapsed}");
        var stoppedAt = canceled.GetProperty("progress").GetProperty("iteration").GetInt32();

        // A canceled job cannot be canceled again into another state, but it can be resumed.
        await ProblemAssert.IsProblem(await _client.DeleteAsync($"/api/models/long-one"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsync($"/api/training-jobs/{id}/resume", null)).StatusCode);
        var resumed = await WaitFor(id, j => j.GetProperty("state").GetString() == "training" && j.GetProperty("progress").GetProperty("iteration").GetInt32() > stoppedAt, TimeSpan.FromSeconds(30));
        Assert.True(resumed.GetProperty("attempts").GetInt32() >= 2);
        await ProblemAssert.IsProblem(await _client.DeleteAsync($"/api/training-jobs/{id}"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsync($"/api/training-jobs/{id}/cancel", null)).StatusCode);
        await WaitFor(id, j => j.GetProperty("state").GetString() == "canceled", TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/training-jobs/{id}")).StatusCode);
        await ProblemAssert.IsProblem(await _client.GetAsync($"/api/training-jobs/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AJobOnDataThatGivesNoWindows_FailsWithASentence_WithoutRetrying()
    {
        var dataset = await TinyDataset("tiny-fail");
        // Pitches 0..15 hold none of the pieces' notes: the run cannot start.
        var submitted = await (await _client.PostAsJsonAsync("/api/training-jobs", Recipe(dataset, "doomed", ("lowestPitch", 0), ("pitches", 16), ("transposition", "none"))))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = submitted.GetProperty("id").GetString()!;
        var failed = await WaitFor(id, j => j.GetProperty("state").GetString() == "failed", TimeSpan.FromSeconds(30));
        Assert.Contains("windows", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/training-jobs/{id}")).StatusCode);
    }

    [Fact]
    public async Task BadRequests_AreProblemsNamingTheField_AndQueueNothing()
    {
        var dataset = await TinyDataset("tiny-bad");
        var before = (await _client.GetFromJsonAsync<JsonElement>("/api/training-jobs")).GetArrayLength();
        async Task Refused(object body, HttpStatusCode status, string? field)
        {
            var problem = await ProblemAssert.IsProblem(await _client.PostAsJsonAsync("/api/training-jobs", body), status);
            if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await Refused(Recipe(dataset, "a", ("batchSize", 0)), HttpStatusCode.BadRequest, "batchSize");
        await Refused(Recipe(dataset, "a", ("generatorLearningRate", -1)), HttpStatusCode.BadRequest, "generatorLearningRate");
        await Refused(Recipe(dataset, "a", ("pitches", 30)), HttpStatusCode.BadRequest, "pitches");
        await Refused(Recipe(dataset, "a", ("transposition", "sideways")), HttpStatusCode.BadRequest, "transposition");
        await Refused(Recipe(dataset, "a", ("split", "dev")), HttpStatusCode.BadRequest, "split");
        await Refused(Recipe(dataset, "Bad Name"), HttpStatusCode.BadRequest, "name");
        await Refused(Recipe("../etc", "a"), HttpStatusCode.BadRequest, "dataset");
        await Refused(Recipe("jsb-chorales", "a"), HttpStatusCode.Conflict, null); // not downloaded in this data directory
        await Refused(Recipe("no-such-dataset", "a"), HttpStatusCode.Conflict, null);
        await Refused(Recipe(dataset, "a", ("baseModel", "no-such-model")), HttpStatusCode.NotFound, null);
        var wrongType = await _client.PostAsync("/api/training-jobs", new StringContent("{\"iterations\": \"many\"}", System.Text.Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblem(wrongType, HttpStatusCode.BadRequest);
        Assert.Equal(before, (await _client.GetFromJsonAsync<JsonElement>("/api/training-jobs")).GetArrayLength());
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/training-jobs/nope"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/training-jobs/nope/cancel", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/training-jobs/nope/events"), HttpStatusCode.NotFound);
    }
}
