using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cantus.Web.Tests.Api;

public sealed class ModelsApiTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public ModelsApiTests(CantusWebFactory factory) => _client = factory.CreateClient();

    [Fact]
    public async Task ListCloneRenameDownloadDelete()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Contains(list.EnumerateArray(), m => m.GetProperty("name").GetString() == "sample" && m.GetProperty("isSample").GetBoolean());

        var created = await _client.PostAsJsonAsync("/api/models/sample/clone", new { name = "mine-api", tags = new[] { "test" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/models/mine-api", created.Headers.Location?.OriginalString);
        var clone = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sample", clone.GetProperty("parent").GetString());

        var renamed = await _client.PatchAsJsonAsync("/api/models/mine-api", new { name = "ours-api", description = "renamed" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var zip = await _client.GetAsync("/api/models/ours-api/download");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync()))
            Assert.Equal(["model.safetensors", "model.json"], archive.Entries.Select(e => e.FullName));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/api/models/ours-api")).StatusCode);
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/models/ours-api"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Refusals_AreProblems()
    {
        var sample = await ProblemAssert.IsProblem(await _client.DeleteAsync("/api/models/sample"), HttpStatusCode.Conflict);
        Assert.Contains("sample model", sample.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var bad = await ProblemAssert.IsProblem(await _client.PostAsJsonAsync("/api/models/sample/clone", new { name = "../x" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("name", out _));
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/models/sample/clone", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/models/..%2F..%2Fetc"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_AndTheOpenApiDocument()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/models", out _));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/reference")).StatusCode);
    }
}
