using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Cantus.Cli.Tests.Processes;

/// <summary><c>GET /api/health</c> of a web node on PostgreSQL: 200 while the database answers, 503 with Retry-After once it does not.</summary>
public sealed class HealthTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-health-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PostgresFact]
    public async Task Health_Is503WhileTheDatabaseDoesNotAnswer()
    {
        var database = new PostgresDatabase();
        try
        {
            using var web = CantusServer.Serve(_root, database.ConnectionString, worker: false);
            await web.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            using var client = web.Client();
            var ok = await client.GetFromJsonAsync<JsonElement>("/api/health");
            Assert.Equal("ok", ok.GetProperty("database").GetProperty("state").GetString());
            Assert.Equal("postgresql", ok.GetProperty("database").GetProperty("engine").GetString());
            database.Dispose(); // the database goes away under the running node
            var response = await client.GetAsync("/api/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("unavailable", body.GetProperty("database").GetProperty("state").GetString());
        }
        finally
        {
            database.Dispose();
        }
    }
}
