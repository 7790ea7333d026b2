using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cantus.Web.Tests.Api;

public sealed class MelodiesApiTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public MelodiesApiTests(CantusWebFactory factory) => _client = factory.CreateClient();

    private static MultipartFormDataContent Upload(byte[] midi, string? source = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(midi), "melody", "tune.mid" } };
        if (source is not null) form.Add(new StringContent(source), "source");
        return form;
    }

    [Fact]
    public async Task Keep_ComposeFromIt_RefuseDeletingWhileUsed()
    {
        var created = await _client.PostAsync("/api/melodies", Upload(CompositionsApiTests.Melody(4), "recorded"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var melody = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = melody.GetProperty("id").GetString()!;
        Assert.Equal(("recorded", 4, 64), (melody.GetProperty("source").GetString(), melody.GetProperty("bars").GetInt32(), melody.GetProperty("steps").GetInt32()));
        Assert.Equal(CompositionsApiTests.Melody(4), await _client.GetByteArrayAsync($"/api/melodies/{id}/midi"));
        Assert.Contains((await _client.GetFromJsonAsync<JsonElement>("/api/melodies")).EnumerateArray(), m => m.GetProperty("id").GetString() == id);

        var composed = await _client.PostAsync("/api/compositions", CompositionsApiTests.Form(null, ("melodyId", id), ("model", "sample")));
        var body = await composed.Content.ReadAsStringAsync();
        Assert.True(composed.StatusCode == HttpStatusCode.Created, body);
        var composition = JsonDocument.Parse(body).RootElement;
        Assert.Equal(id, composition.GetProperty("melodyId").GetString());
        Assert.Equal(64, composition.GetProperty("steps").GetInt32());

        var refused = await ProblemAssert.IsProblem(await _client.DeleteAsync($"/api/melodies/{id}"), HttpStatusCode.Conflict);
        Assert.Contains("1 composition", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/compositions/{composition.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/melodies/{id}")).StatusCode);
        await ProblemAssert.IsProblem(await _client.GetAsync($"/api/melodies/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadMelodies_AreProblems()
    {
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/melodies", Upload("not MIDI"u8.ToArray())), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/melodies", Upload(CompositionsApiTests.Melody(2), "stolen")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/melodies", Upload(new byte[2 << 20])), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/compositions", CompositionsApiTests.Form(null, ("melodyId", "nope"), ("model", "sample"))), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await _client.PostAsync("/api/compositions", CompositionsApiTests.Form(CompositionsApiTests.Melody(2), ("melodyId", "nope"))), HttpStatusCode.BadRequest);
        var truncated = CompositionsApiTests.Melody(2)[..^6];
        var repaired = await (await _client.PostAsync("/api/melodies", Upload(truncated))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(0, repaired.GetProperty("repairs").GetArrayLength());
    }
}
