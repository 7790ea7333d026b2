using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cantus.Web.Tests.Api;

public sealed class TrainingEstimateApiTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public TrainingEstimateApiTests(CantusWebFactory factory) => _client = factory.CreateClient();

    private async Task<int> JobCount() => (await _client.GetFromJsonAsync<JsonElement>("/api/training-jobs")).GetArrayLength();

    private async Task<(JsonElement Estimate, TimeSpan Took)> Estimate(object body)
    {
        var clock = Stopwatch.StartNew();
        var response = await _client.PostAsJsonAsync("/api/training-jobs/estimate", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (JsonDocument.Parse(text).RootElement, clock.Elapsed);
    }

    [Fact]
    public async Task ANewConfiguration_IsMeasured_OnceThenKept_AndNothingIsQueued()
    {
        var jobs = await JobCount();
        // A dataset that does not exist: the iterations do not depend on it, so the estimate does not need it.
        var recipe = TrainingJobsApiTests.Recipe("not-imported", "estimated", ("iterations", 40), ("batchSize", 5));
        var (first, took) = await Estimate(recipe);
        Assert.Equal(["seconds", "secondsPerIteration", "iterations", "basis", "detail"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("measured", first.GetProperty("basis").GetString());
        Assert.Equal(40, first.GetProperty("iterations").GetInt32());
        var perIteration = first.GetProperty("secondsPerIteration").GetDouble();
        Assert.True(perIteration > 0, first.ToString());
        // 40 iterations, plus sampling at the start and at every metrics evaluation and checkpoint (every 2 iterations: 1 + 20 + 20).
        Assert.True(first.GetProperty("seconds").GetDouble() >= 40 * perIteration, first.ToString());
        Assert.Contains("Timed", first.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("41 evaluations and checkpoints", first.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(8), $"measuring took {took}");

        var (second, again) = await Estimate(recipe);
        Assert.Equal(first.GetProperty("secondsPerIteration").GetDouble(), second.GetProperty("secondsPerIteration").GetDouble());
        Assert.Equal(first.GetProperty("seconds").GetDouble(), second.GetProperty("seconds").GetDouble());
        Assert.True(again < TimeSpan.FromSeconds(1), $"the kept figure took {again}");

        // More iterations of the same configuration: the same rate, more time.
        var (longer, _) = await Estimate(TrainingJobsApiTests.Recipe("not-imported", "estimated", ("iterations", 400), ("batchSize", 5)));
        Assert.Equal(perIteration, longer.GetProperty("secondsPerIteration").GetDouble());
        Assert.True(longer.GetProperty("seconds").GetDouble() > first.GetProperty("seconds").GetDouble());
        Assert.Equal(jobs, await JobCount());
    }

    [Fact]
    public async Task TheLabsFullSizeDefaults_AreMeasuredWithinTheBound()
    {
        var (estimate, took) = await Estimate(new { dataset = "jsb-chorales" });
        Assert.Equal("measured", estimate.GetProperty("basis").GetString());
        Assert.Equal(1000, estimate.GetProperty("iterations").GetInt32());
        Assert.True(estimate.GetProperty("secondsPerIteration").GetDouble() > 0);
        Assert.True(took < TimeSpan.FromSeconds(8), $"measuring the lab's networks took {took}");
    }

    [Fact]
    public async Task BadRequests_AreTheSameProblemsAsSubmitting()
    {
        var dataset = await TrainingJobsApiTests.TinyDataset(_client, "tiny-estimate-bad");
        var jobs = await JobCount();
        async Task Refused(object body, HttpStatusCode status, string? field)
        {
            var estimate = await ProblemAssert.IsProblem(await _client.PostAsJsonAsync("/api/training-jobs/estimate", body), status);
            Assert.False(string.IsNullOrWhiteSpace(estimate.GetProperty("detail").GetString()));
            if (field is not null) Assert.True(estimate.GetProperty("errors").TryGetProperty(field, out _), estimate.ToString());
            if (status == HttpStatusCode.BadRequest)
            {
                // Submitting the same body is refused in the same words.
                var submit = await ProblemAssert.IsProblem(await _client.PostAsJsonAsync("/api/training-jobs", body), status);
                Assert.Equal(submit.GetProperty("detail").GetString(), estimate.GetProperty("detail").GetString());
            }
        }
        await Refused(TrainingJobsApiTests.Recipe(dataset, "a", ("batchSize", 0)), HttpStatusCode.BadRequest, "batchSize");
        await Refused(TrainingJobsApiTests.Recipe(dataset, "a", ("batchSize", 5000)), HttpStatusCode.BadRequest, "batchSize");
        await Refused(TrainingJobsApiTests.Recipe(dataset, "a", ("generatorLearningRate", -1)), HttpStatusCode.BadRequest, "generatorLearningRate");
        await Refused(TrainingJobsApiTests.Recipe(dataset, "a", ("pitches", 30)), HttpStatusCode.BadRequest, "pitches");
        await Refused(TrainingJobsApiTests.Recipe(dataset, "a", ("filters", 0)), HttpStatusCode.BadRequest, "filters");
        await Refused(TrainingJobsApiTests.Recipe(dataset, "a", ("transposition", "sideways")), HttpStatusCode.BadRequest, "transposition");
        await Refused(TrainingJobsApiTests.Recipe(dataset, "a", ("epochs", -1)), HttpStatusCode.BadRequest, "epochs");
        await Refused(TrainingJobsApiTests.Recipe(dataset, "Bad Name"), HttpStatusCode.BadRequest, "name");
        await Refused(TrainingJobsApiTests.Recipe("../etc", "a"), HttpStatusCode.BadRequest, "dataset");
        await Refused(TrainingJobsApiTests.Recipe(dataset, "a", ("baseModel", "no-such-model")), HttpStatusCode.NotFound, null);
        // With epochs the iterations depend on the dataset: one that is not there is refused as submitting is.
        await Refused(TrainingJobsApiTests.Recipe("no-such-dataset", "a", ("epochs", 2)), HttpStatusCode.Conflict, null);
        await ProblemAssert.IsProblem(
            await _client.PostAsync("/api/training-jobs/estimate", new StringContent("{\"iterations\": \"many\"}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/training-jobs/estimate", new StringContent("iterations=4", System.Text.Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(jobs, await JobCount());
    }

    [Fact]
    public async Task CompletedJobsOfTheSameConfiguration_GiveTheRate_AndEpochsCountAsTheRunWill()
    {
        var dataset = await TrainingJobsApiTests.TinyDataset(_client, "tiny-estimate");
        // Epochs: the estimate counts the dataset's windows as the run will.
        var recipe = TrainingJobsApiTests.Recipe(dataset, "estimated-epochs", ("epochs", 1.5), ("batchSize", 7), ("checkpointEvery", 100), ("metricsEvery", 100));
        recipe.Remove("iterations");
        var (planned, _) = await Estimate(recipe);
        Assert.Equal("measured", planned.GetProperty("basis").GetString());
        var submitted = await (await _client.PostAsJsonAsync("/api/training-jobs", recipe)).Content.ReadFromJsonAsync<JsonElement>();
        var id = submitted.GetProperty("id").GetString()!;
        var done = await TrainingJobsApiTests.WaitFor(_client, id, j => j.GetProperty("state").GetString() is "completed" or "failed", TimeSpan.FromSeconds(60));
        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal(done.GetProperty("progress").GetProperty("iterations").GetInt32(), planned.GetProperty("iterations").GetInt32());

        // Now a completed job of this architecture, batch size and critic steps exists: its rate is preferred.
        var (estimate, _) = await Estimate(TrainingJobsApiTests.Recipe(dataset, "next", ("iterations", 30), ("batchSize", 7)));
        Assert.Equal("previous runs", estimate.GetProperty("basis").GetString());
        var wall = (done.GetProperty("finishedAt").GetDateTimeOffset() - done.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
        var rate = wall / done.GetProperty("progress").GetProperty("iteration").GetInt32();
        Assert.Equal(rate, estimate.GetProperty("secondsPerIteration").GetDouble(), 2);
        Assert.Equal(30 * rate, estimate.GetProperty("seconds").GetDouble(), 1);
        Assert.Contains("1 completed job", estimate.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Another batch size has no previous run: measured.
        var (other, _) = await Estimate(TrainingJobsApiTests.Recipe(dataset, "next", ("iterations", 30), ("batchSize", 6)));
        Assert.Equal("measured", other.GetProperty("basis").GetString());
    }
}
