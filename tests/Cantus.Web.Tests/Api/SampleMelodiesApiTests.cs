using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;
using Microsoft.AspNetCore.Hosting;

namespace Cantus.Web.Tests.Api;

/// <summary>A host whose sample melodies are a folder of its own (Cantus:SampleMelodies), with a MIDI file beside it that must stay out of reach.</summary>
public sealed class SampleMelodiesFactory : CantusWebFactory
{
    public SampleMelodiesFactory()
    {
        Folder = Directory.CreateDirectory(Path.Combine(Root, "melodies")).FullName;
        File.WriteAllBytes(Path.Combine(Folder, "ode-to-joy.mid"), Tune(8, "Ode to Joy"));
        File.WriteAllBytes(Path.Combine(Folder, "little_spring-tune.mid"), Tune(3, null));
        File.WriteAllBytes(Path.Combine(Folder, "broken.mid"), "not a MIDI file"u8.ToArray());
        var silence = new Multitrack(32);
        silence.AddTrack("silence");
        File.WriteAllBytes(Path.Combine(Folder, "silent.mid"), MultitrackToMidi.Convert(silence).ToBytes());
        File.WriteAllText(Path.Combine(Folder, "notes.txt"), "not a melody");
        File.WriteAllBytes(Path.Combine(Root, "secret.mid"), Tune(2, "Secret"));
    }

    public string Folder { get; }

    /// <summary>One track of quarter notes over <paramref name="bars"/> bars at 120 BPM, named <paramref name="title"/> (no track name when null).</summary>
    public static byte[] Tune(int bars, string? title)
    {
        var m = new Multitrack(bars * 16, 4, 120);
        var track = m.AddTrack(title ?? "");
        for (var t = 0; t < bars * 16; t += 4) for (var k = 0; k < 4; k++) track[t + k, 60 + (t / 4) % 5] = 90;
        return MultitrackToMidi.Convert(m).ToBytes(); // an empty name writes no track name
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cantus:SampleMelodies", Folder);
    }
}

public sealed class SampleMelodiesApiTests : IClassFixture<SampleMelodiesFactory>
{
    private readonly SampleMelodiesFactory _factory;
    private readonly HttpClient _client;

    public SampleMelodiesApiTests(SampleMelodiesFactory factory)
    {
        _factory = factory;
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task TheFolder_IsListedWithTitlesAndLengths_UnreadableFilesLeftOut()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/sample-melodies");
        Assert.Equal(["little_spring-tune", "ode-to-joy"], list.EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var little = list[0];
        Assert.Equal(["name", "title", "bars", "notes", "seconds"], little.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Little spring tune", little.GetProperty("title").GetString()); // no track name: the file name made readable
        Assert.Equal(3, little.GetProperty("bars").GetInt32());
        Assert.Equal(12, little.GetProperty("notes").GetInt32());
        var ode = list[1];
        Assert.Equal("Ode to Joy", ode.GetProperty("title").GetString()); // the track name
        Assert.Equal(8, ode.GetProperty("bars").GetInt32());
        Assert.Equal(32, ode.GetProperty("notes").GetInt32());
        Assert.Equal(16.0, ode.GetProperty("seconds").GetDouble(), 1); // 8 bars of 4/4 at 120 BPM
    }

    [Fact]
    public async Task AMelodysMidi_IsTheFile()
    {
        var response = await _client.GetAsync("/api/sample-melodies/ode-to-joy/midi");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/midi", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_factory.Folder, "ode-to-joy.mid")), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("no-such-tune")]
    [InlineData("broken")]
    [InlineData("silent")]
    [InlineData("notes")]
    [InlineData("ode-to-joy.mid")]
    [InlineData("ODE-TO-JOY")]
    [InlineData("..%2Fsecret")]
    [InlineData("..%2F..%2Fmelodies%2Fode-to-joy")]
    [InlineData("%2E%2E%2Fsecret")]
    [InlineData("..%5Csecret")]
    [InlineData("%2Fetc%2Fpasswd")]
    public async Task ANameOutsideTheListing_IsNotFound(string name)
    {
        var problem = await ProblemAssert.IsProblem(await _client.GetAsync($"/api/sample-melodies/{name}/midi"), HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task PathsOutsideTheRoute_NeverReachAFile()
    {
        foreach (var url in new[] { "/api/sample-melodies/../secret/midi", "/api/sample-melodies/%2e%2e/secret/midi", "/api/sample-melodies/x/../../secret.mid" })
        {
            var response = await _client.GetAsync(url);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual("audio/midi", response.Content.Headers.ContentType?.MediaType);
        }
    }
}

public sealed class ShippedSampleMelodiesApiTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public ShippedSampleMelodiesApiTests(CantusWebFactory factory) => _client = factory.CreateClient();

    [Fact]
    public async Task WithoutTheSetting_TheRepositorysSamplesAreFound()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/sample-melodies");
        var names = list.EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(["deck-the-halls", "ode-to-joy", "pickup-melody", "twinkle-twinkle"], names);
        var ode = list.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "ode-to-joy");
        Assert.Equal("Ode to Joy", ode.GetProperty("title").GetString());
        Assert.Equal(8, ode.GetProperty("bars").GetInt32());
        Assert.Equal(30, ode.GetProperty("notes").GetInt32());
        Assert.Equal(19.2, ode.GetProperty("seconds").GetDouble(), 1); // 32 beats at 100 BPM
        var midi = MidiFile.Parse(await _client.GetByteArrayAsync("/api/sample-melodies/twinkle-twinkle/midi"));
        Assert.Equal("Twinkle Twinkle Little Star", midi.Tracks.Select(t => t.Name).First(n => n is not null));
    }
}
