using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.Api;

public sealed class EvaluationsApiTests : IClassFixture<CantusWebFactory>
{
    private readonly CantusWebFactory _factory;
    private readonly HttpClient _client;

    public EvaluationsApiTests(CantusWebFactory factory)
    {
        _factory = factory;
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task Evaluate_Keep_List_Get()
    {
        // The JSB chorales, as a download would leave them in the data directory.
        var folder = Path.Combine(_factory.DataDirectory, "datasets", "jsb-chorales");
        Directory.CreateDirectory(folder);
        var repo = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repo, "Cantus.slnx"))) repo = Path.GetDirectoryName(repo)!;
        File.Copy(Path.Combine(repo, "..", "shared", "datasets", "jsb-chorales", "Jsb16thSeparated.json"), Path.Combine(folder, "Jsb16thSeparated.json"), overwrite: true);

        var created = await _client.PostAsJsonAsync("/api/models/sample/evaluations", new { split = "valid", maxWindows = 12 });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var evaluation = JsonDocument.Parse(body).RootElement;
        Assert.Equal("valid", evaluation.GetProperty("split").GetString());
        Assert.Equal(12, evaluation.GetProperty("report").GetProperty("windows").GetInt32());
        Assert.Equal(JsonValueKind.Number, evaluation.GetProperty("headline").GetProperty("baselineSimilarityIndex").ValueKind);
        var id = evaluation.GetProperty("id").GetString();
        Assert.Contains((await _client.GetFromJsonAsync<JsonElement>("/api/models/sample/evaluations")).EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        Assert.Equal(id, (await _client.GetFromJsonAsync<JsonElement>($"/api/evaluations/{id}")).GetProperty("id").GetString());

        await ProblemAssert.IsProblem(await _client.PostAsJsonAsync("/api/models/sample/evaluations", new { split = "dev" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await _client.PostAsJsonAsync("/api/models/sample/evaluations", new { maxWindows = 100000 }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await _client.PostAsJsonAsync("/api/models/sample/evaluations", new { dataset = "nothing-here" }), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblem(await _client.PostAsJsonAsync("/api/models/nope/evaluations", new { }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/evaluations/nope"), HttpStatusCode.NotFound);
    }
}
