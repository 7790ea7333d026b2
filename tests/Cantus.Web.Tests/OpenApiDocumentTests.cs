using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cantus.Web.Tests;

/// <summary>
/// The OpenAPI document the server generates is committed as docs/openapi.json, so that a change
/// to the API shows in review and clients can be generated from it. Regenerate it with
/// <c>CANTUS_UPDATE_OPENAPI=1 dotnet test tests/Cantus.Web.Tests --filter OpenApi</c>.
/// </summary>
public sealed class OpenApiDocumentTests : IClassFixture<CantusWebFactory>
{
    private readonly CantusWebFactory _factory;

    public OpenApiDocumentTests(CantusWebFactory factory) => _factory = factory;

    [Fact]
    public async Task TheCommittedDocumentIsTheServersDocument()
    {
        using var client = _factory.CreateClient();
        var served = Normalize(await client.GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(RepoRoot(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("CANTUS_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(path, served);
        Assert.True(File.Exists(path), "docs/openapi.json is missing: run the test with CANTUS_UPDATE_OPENAPI=1");
        var committed = Normalize(await File.ReadAllTextAsync(path));
        Assert.True(committed == served, "docs/openapi.json differs from the server's document: review the API change and run this test with CANTUS_UPDATE_OPENAPI=1");
        foreach (var route in new[] { "/api/health", "/api/compositions", "/api/compositions/{id}/{file}", "/api/models", "/api/training-jobs", "/api/training-jobs/{id}/events", "/api/datasets",
                     "/api/soundfont", "/api/soundfont/info", "/api/sample-melodies", "/api/sample-melodies/{name}/midi", "/api/compositions/{id}/midi", "/api/training-jobs/estimate" })
            Assert.True(JsonNode.Parse(served)!["paths"]![route] is not null, $"{route} is not in the document");
    }

    private static string Normalize(string json)
    {
        var node = JsonNode.Parse(json)!;
        node["servers"] = null; // the test host's address
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cantus.slnx not found");
    }
}
