using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;
using Cantus.Service.Accounts;
using Cantus.Service.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.Api;

public sealed class CompositionRevisionApiTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public CompositionRevisionApiTests(CantusWebFactory factory) => _client = factory.CreateClient();

    /// <summary>What the console's editor sends: four voices, <paramref name="bars"/> long, another line than the composed one.</summary>
    internal static byte[] Edited(int bars)
    {
        var m = new Multitrack(bars * 16);
        foreach (var (name, low) in new[] { ("melody", 67), ("alto", 62), ("tenor", 55), ("bass", 43) })
        {
            var track = m.AddTrack(name);
            for (var t = 0; t < bars * 16; t++) track[t, low + (t / 8) % 3] = 80;
        }
        return MultitrackToMidi.Convert(m).ToBytes();
    }

    internal static MultipartFormDataContent MidiForm(byte[] midi, string field = "midi")
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(midi), field, "edited.mid");
        return form;
    }

    private async Task<JsonElement> Compose()
    {
        var created = await _client.PostAsync("/api/compositions", CompositionsApiTests.Form(CompositionsApiTests.Melody(), ("model", "sample"), ("seed", "3")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task TheEditedMidi_BecomesTheResult_TheOldRenderingsAreNotServed_AndTheShareLinkFollows()
    {
        var composed = await Compose();
        var id = composed.GetProperty("id").GetString()!;
        Assert.Equal(JsonValueKind.Null, composed.GetProperty("revisedAt").ValueKind);
        var oldMidi = await _client.GetByteArrayAsync($"/api/compositions/{id}/midi");
        var oldWav = await _client.GetByteArrayAsync($"/api/compositions/{id}/wav"); // rendered and kept
        var oldPng = await _client.GetByteArrayAsync($"/api/compositions/{id}/png");
        var token = (await (await _client.PostAsync($"/api/compositions/{id}/share", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        var edited = Edited(4);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var response = await _client.PutAsync($"/api/compositions/{id}/midi", MidiForm(edited));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var revised = JsonDocument.Parse(body).RootElement;
        Assert.Equal(id, revised.GetProperty("id").GetString());
        Assert.Equal(64, revised.GetProperty("steps").GetInt32());
        Assert.Equal(4, revised.GetProperty("bars").GetInt32());
        Assert.InRange(revised.GetProperty("revisedAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(composed.GetProperty("createdAt").GetDateTimeOffset(), revised.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(composed.GetProperty("melodyId").GetString(), revised.GetProperty("melodyId").GetString());
        Assert.Equal($"/api/shared/{token}", revised.GetProperty("links").GetProperty("share").GetString());

        Assert.Equal(edited, await _client.GetByteArrayAsync($"/api/compositions/{id}/midi"));
        var newWav = await _client.GetByteArrayAsync($"/api/compositions/{id}/wav");
        Assert.Equal("RIFF"u8.ToArray(), newWav[..4]);
        Assert.NotEqual(oldWav, newWav);
        Assert.True(newWav.Length < oldWav.Length, "4 bars of audio instead of 8"); // rendered from the new MIDI, not the kept one
        var newPng = await _client.GetByteArrayAsync($"/api/compositions/{id}/png");
        Assert.NotEqual(oldPng, newPng);
        Assert.Equal(newWav, await _client.GetByteArrayAsync($"/api/compositions/{id}/wav")); // the new rendering is kept
        Assert.NotEqual(oldMidi, edited);

        var shared = await _client.GetFromJsonAsync<JsonElement>($"/api/shared/{token}");
        Assert.Equal(revised.GetProperty("revisedAt").GetDateTimeOffset(), shared.GetProperty("revisedAt").GetDateTimeOffset());
        Assert.Equal(4, shared.GetProperty("bars").GetInt32());
        Assert.Equal(edited, await _client.GetByteArrayAsync($"/api/shared/{token}/midi"));
        Assert.Equal(newWav, await _client.GetByteArrayAsync($"/api/shared/{token}/wav"));
        var listed = (await _client.GetFromJsonAsync<JsonElement>("/api/compositions?limit=1000")).EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("revisedAt").ValueKind);

        // Revising again replaces it again.
        var second = await _client.PutAsync($"/api/compositions/{id}/midi", MidiForm(Edited(2)));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bars").GetInt32());
        Assert.Equal(Edited(2), await _client.GetByteArrayAsync($"/api/shared/{token}/midi"));
    }

    [Fact]
    public async Task ADamagedFile_IsRepaired_AndStoredSoThatItRenders()
    {
        var id = (await Compose()).GetProperty("id").GetString()!;
        var truncated = Edited(2)[..^6];
        Assert.Throws<MidiFormatException>(() => MidiFile.Parse(truncated));
        var response = await _client.PutAsync($"/api/compositions/{id}/midi", MidiForm(truncated));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var stored = MidiFile.Parse(await _client.GetByteArrayAsync($"/api/compositions/{id}/midi")); // strictly readable
        Assert.True(stored.NoteCount > 0);
        Assert.Equal("RIFF"u8.ToArray(), (await _client.GetByteArrayAsync($"/api/compositions/{id}/wav"))[..4]);
    }

    [Fact]
    public async Task RefusedRevisions_AreProblemsSayingWhy_AndChangeNothing()
    {
        var id = (await Compose()).GetProperty("id").GetString()!;
        var midi = await _client.GetByteArrayAsync($"/api/compositions/{id}/midi");
        var wav = await _client.GetByteArrayAsync($"/api/compositions/{id}/wav");
        async Task Refused(HttpContent content, HttpStatusCode status, string? field = null, string? target = null)
        {
            var problem = await ProblemAssert.IsProblem(await _client.PutAsync(target ?? $"/api/compositions/{id}/midi", content), status);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
            if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no errors.{field} in {problem}");
        }
        await Refused(MidiForm(Edited(2), field: "melody"), HttpStatusCode.BadRequest, "midi");
        await Refused(MidiForm([]), HttpStatusCode.BadRequest, "midi");
        await Refused(new StringContent("{\"midi\": 1}", System.Text.Encoding.UTF8, "application/json"), HttpStatusCode.UnsupportedMediaType);
        await Refused(MidiForm("this is not a MIDI file at all"u8.ToArray()), HttpStatusCode.UnprocessableEntity);
        await Refused(MidiForm(new byte[2 << 20]), HttpStatusCode.RequestEntityTooLarge);
        var silence = new Multitrack(32);
        silence.AddTrack("silence");
        await Refused(MidiForm(MultitrackToMidi.Convert(silence).ToBytes()), HttpStatusCode.UnprocessableEntity);
        await Refused(MidiForm(Edited(2)), HttpStatusCode.NotFound, target: "/api/compositions/no-such-id/midi");

        var after = await _client.GetFromJsonAsync<JsonElement>($"/api/compositions/{id}");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("revisedAt").ValueKind);
        Assert.Equal(128, after.GetProperty("steps").GetInt32());
        Assert.Equal(midi, await _client.GetByteArrayAsync($"/api/compositions/{id}/midi"));
        Assert.Equal(wav, await _client.GetByteArrayAsync($"/api/compositions/{id}/wav"));
    }
}

public sealed class CompositionRevisionPublicApiTests : IClassFixture<PublicCantusWebFactory>
{
    private readonly PublicCantusWebFactory _factory;

    public CompositionRevisionPublicApiTests(PublicCantusWebFactory factory) => _factory = factory;

    private async Task<HttpClient> WithToken(string name)
    {
        var accounts = _factory.Services.GetRequiredService<AccountService>();
        try
        {
            await accounts.CreateUserAsync(name, "a long enough password");
        }
        catch (Service.Errors.CantusException)
        {
        }
        var user = (await _factory.Services.GetRequiredService<CantusStore>().Users.FindByNameAsync(name))!;
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await accounts.CreateTokenAsync(user.Id, "tests")).Secret);
        return client;
    }

    [Fact]
    public async Task AnotherUsersComposition_IsNotFound_AndStaysAsItWas()
    {
        var heidi = await WithToken("heidi");
        var ivan = await WithToken("ivan");
        var created = await heidi.PostAsync("/api/compositions", CompositionsApiTests.Form(CompositionsApiTests.Melody(2), ("model", "sample")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var midi = await heidi.GetByteArrayAsync($"/api/compositions/{id}/midi");

        await ProblemAssert.IsProblem(await ivan.PutAsync($"/api/compositions/{id}/midi", CompositionRevisionApiTests.MidiForm(CompositionRevisionApiTests.Edited(2))), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await _factory.CreateClient().PutAsync($"/api/compositions/{id}/midi", CompositionRevisionApiTests.MidiForm(CompositionRevisionApiTests.Edited(2))),
            HttpStatusCode.Unauthorized);
        Assert.Equal(midi, await heidi.GetByteArrayAsync($"/api/compositions/{id}/midi"));
        Assert.Equal(JsonValueKind.Null, (await heidi.GetFromJsonAsync<JsonElement>($"/api/compositions/{id}")).GetProperty("revisedAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await heidi.PutAsync($"/api/compositions/{id}/midi", CompositionRevisionApiTests.MidiForm(CompositionRevisionApiTests.Edited(2)))).StatusCode);
    }

    [Fact]
    public async Task TheSoundFontAndTheSampleMelodies_AnswerWithoutSigningIn()
    {
        var anonymous = _factory.CreateClient();
        var info = await anonymous.GetFromJsonAsync<JsonElement>("/api/soundfont/info");
        using var first = new HttpRequestMessage(HttpMethod.Get, "/api/soundfont");
        first.Headers.Range = new RangeHeaderValue(0, 11);
        var font = await anonymous.SendAsync(first);
        if (info.GetProperty("source").GetString() == "built-in") await ProblemAssert.IsProblem(font, HttpStatusCode.NotFound);
        else Assert.Equal(HttpStatusCode.PartialContent, font.StatusCode);
        Assert.NotEqual(0, (await anonymous.GetFromJsonAsync<JsonElement>("/api/sample-melodies")).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/sample-melodies/ode-to-joy/midi")).StatusCode);
        await ProblemAssert.IsProblem(await anonymous.PostAsJsonAsync("/api/training-jobs/estimate", new { iterations = 4 }), HttpStatusCode.Unauthorized);
    }
}
