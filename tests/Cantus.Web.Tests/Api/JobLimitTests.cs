using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cantus.Web.Tests.Api;

/// <summary>A user has at most two queued or running jobs (its own host, so that its long jobs hold up no other test).</summary>
public sealed class JobLimitTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public JobLimitTests(CantusWebFactory factory) => _client = factory.CreateClient();

    [Fact]
    public async Task AUserHasAtMostTwoActiveJobs()
    {
        var dataset = await TrainingJobsApiTests.TinyDataset(_client, "tiny-limit");
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var accepted = await _client.PostAsJsonAsync("/api/training-jobs", TrainingJobsApiTests.Recipe(dataset, $"limit-{i}", ("iterations", 1_000_000)));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            ids.Add((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        var third = await ProblemAssert.IsProblem(await _client.PostAsJsonAsync("/api/training-jobs", TrainingJobsApiTests.Recipe(dataset, "limit-2")), HttpStatusCode.Conflict);
        Assert.Contains("limit", third.GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsync($"/api/training-jobs/{id}/cancel", null)).StatusCode);
            await TrainingJobsApiTests.WaitFor(_client, id, j => j.GetProperty("state").GetString() == "canceled", TimeSpan.FromSeconds(60));
        }
    }
}
