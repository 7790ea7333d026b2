using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;

namespace Cantus.Web.Tests.Api;

public sealed class CompositionsApiTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public CompositionsApiTests(CantusWebFactory factory) => _client = factory.CreateClient();

    internal static byte[] Melody(int bars = 8)
    {
        var m = new Multitrack(bars * 16);
        var track = m.AddTrack("melody");
        for (var t = 0; t < bars * 16; t++) track[t, 60 + (t / 4) % 8] = 90;
        return MultitrackToMidi.Convert(m).ToBytes();
    }

    internal static MultipartFormDataContent Form(byte[]? melody, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (melody is not null) form.Add(new ByteArrayContent(melody), "melody", "tune.mid");
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    private async Task<int> Count() => (await _client.GetFromJsonAsync<JsonElement>("/api/compositions?limit=1000")).GetArrayLength();

    [Fact]
    public async Task Compose_Files_Share_Revoke_Delete()
    {
        var created = await _client.PostAsync("/api/compositions", Form(Melody(), ("model", "sample"), ("seed", "7"), ("candidates", "2"), ("programs", "0,52,52,32")));
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var c = JsonDocument.Parse(body).RootElement;
        var id = c.GetProperty("id").GetString()!;
        Assert.Equal($"/api/compositions/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("sample", c.GetProperty("model").GetString());
        Assert.Equal(128, c.GetProperty("steps").GetInt32());
        Assert.Equal(7, c.GetProperty("seed").GetInt64());
        Assert.Equal(JsonValueKind.Number, c.GetProperty("criticScore").ValueKind);
        var links = c.GetProperty("links");

        var midi = await _client.GetAsync(links.GetProperty("midi").GetString());
        Assert.Equal("audio/midi", midi.Content.Headers.ContentType?.MediaType);
        var file = MidiFile.Parse(await midi.Content.ReadAsByteArrayAsync());
        Assert.Equal(5, file.Tracks.Count);
        var wav = await _client.GetAsync(links.GetProperty("wav").GetString());
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF"u8.ToArray(), (await wav.Content.ReadAsByteArrayAsync())[..4]);
        var png = await _client.GetByteArrayAsync(links.GetProperty("png").GetString());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(png, await _client.GetByteArrayAsync(links.GetProperty("png").GetString())); // drawn once, kept

        var again = await _client.PostAsync("/api/compositions", Form(Melody(), ("model", "sample"), ("seed", "7"), ("candidates", "2"), ("programs", "0,52,52,32")));
        var againId = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.NotEqual(id, againId);
        Assert.Equal(await midi.Content.ReadAsByteArrayAsync(), await _client.GetByteArrayAsync($"/api/compositions/{againId}/midi")); // same seed, same music

        var share = await (await _client.PostAsync($"/api/compositions/{id}/share", null)).Content.ReadFromJsonAsync<JsonElement>();
        var url = share.GetProperty("url").GetString()!;
        Assert.True(share.GetProperty("token").GetString()!.Length >= 40);
        var shared = await _client.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(id, shared.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(url + "/midi")).StatusCode);
        Assert.True((await _client.GetFromJsonAsync<JsonElement>($"/api/compositions/{id}")).GetProperty("shared").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/compositions/{id}/share")).StatusCode);
        await ProblemAssert.IsProblem(await _client.GetAsync(url), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await _client.GetAsync(url + "/wav"), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/compositions/{id}")).StatusCode);
        await ProblemAssert.IsProblem(await _client.GetAsync($"/api/compositions/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await _client.GetAsync($"/api/compositions/{id}/midi"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DamagedMidi_IsRepairedAndTheRepairsAreReturned()
    {
        var truncated = Melody(2)[..^6];
        var created = await _client.PostAsync("/api/compositions", Form(truncated, ("model", "sample")));
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        Assert.NotEqual(0, JsonDocument.Parse(body).RootElement.GetProperty("repairs").GetArrayLength());
    }

    [Fact]
    public async Task BadInput_IsAProblemNamingIt_AndStoresNothing()
    {
        var before = await Count();
        async Task Refused(HttpContent content, HttpStatusCode status, string? field = null)
        {
            var problem = await ProblemAssert.IsProblem(await _client.PostAsync("/api/compositions", content), status);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
            if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no errors.{field} in {problem}");
        }
        await Refused(Form(null, ("model", "sample")), HttpStatusCode.BadRequest, "melody");
        await Refused(new StringContent("{\"melody\": 1}", System.Text.Encoding.UTF8, "application/json"), HttpStatusCode.UnsupportedMediaType);
        await Refused(Form("this is not a MIDI file at all"u8.ToArray(), ("model", "sample")), HttpStatusCode.UnprocessableEntity);
        await Refused(Form(new byte[2 << 20], ("model", "sample")), HttpStatusCode.RequestEntityTooLarge);
        await Refused(Form(Melody(), ("model", "sample"), ("seed", "abc")), HttpStatusCode.BadRequest, "seed");
        await Refused(Form(Melody(), ("model", "sample"), ("seed", "-1")), HttpStatusCode.BadRequest, "seed");
        await Refused(Form(Melody(), ("model", "sample"), ("candidates", "0")), HttpStatusCode.BadRequest, "candidates");
        await Refused(Form(Melody(), ("model", "sample"), ("candidates", "99999999999")), HttpStatusCode.BadRequest, "candidates");
        await Refused(Form(Melody(), ("model", "sample"), ("threshold", "NaN")), HttpStatusCode.BadRequest, "threshold");
        await Refused(Form(Melody(), ("model", "sample"), ("keyPenalty", "9")), HttpStatusCode.BadRequest, "keyPenalty");
        await Refused(Form(Melody(), ("model", "sample"), ("programs", "0,x")), HttpStatusCode.BadRequest, "programs");
        await Refused(Form(Melody(), ("model", "sample"), ("melodyTrack", "9")), HttpStatusCode.BadRequest, "melodyTrack");
        await Refused(Form(Melody(), ("model", "no-such-model")), HttpStatusCode.NotFound);
        await Refused(Form(Melody(), ("model", "../samples/sample")), HttpStatusCode.NotFound);
        var empty = new Multitrack(32);
        empty.AddTrack("silence");
        await Refused(Form(MultitrackToMidi.Convert(empty).ToBytes(), ("model", "sample")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await Count());
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/compositions?limit=0"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/shared/not-a-token"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AModelInUse_IsNotDeleted_AndTheProblemSaysWhy()
    {
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync("/api/models/sample/clone", new { name = "in-use" })).StatusCode);
        var created = await _client.PostAsync("/api/compositions", Form(Melody(2), ("model", "in-use")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var problem = await ProblemAssert.IsProblem(await _client.DeleteAsync("/api/models/in-use"), HttpStatusCode.Conflict);
        Assert.Contains("1 composition", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/compositions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/api/models/in-use")).StatusCode);
    }

    [Fact]
    public async Task Health_ReportsTheDatabase()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("ok", health.GetProperty("database").GetProperty("state").GetString());
        Assert.Equal("sqlite", health.GetProperty("database").GetProperty("engine").GetString());
    }
}
