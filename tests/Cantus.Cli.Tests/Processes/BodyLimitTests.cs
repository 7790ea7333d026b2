using System.Net;
using System.Text;

namespace Cantus.Cli.Tests.Processes;

/// <summary>The real server (Kestrel) refuses bodies over their limits before buffering them: 413 problem+json, and nothing stored.</summary>
public sealed class BodyLimitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-limits-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task OversizedBodies_Are413()
    {
        using var server = CantusServer.Serve(_root);
        await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var client = server.Client();
        var json = new StringContent("{\"name\":\"" + new string('x', 2 << 20) + "\"}", Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/training-jobs", json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var upload = new MultipartFormDataContent { { new ByteArrayContent(new byte[3 << 20]), "melody", "big.mid" } };
        var composed = await client.PostAsync("/api/compositions", upload);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, composed.StatusCode);
        Assert.Equal("[]", await client.GetStringAsync("/api/compositions"));
    }
}
