using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Service.Audio;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.Api;

/// <summary>A host whose SoundFont is a configured file (random bytes: it is served, not read).</summary>
public sealed class ConfiguredSoundFontFactory : CantusWebFactory
{
    public ConfiguredSoundFontFactory()
    {
        Bytes = new byte[100_000];
        new Random(5).NextBytes(Bytes);
        Path = System.IO.Path.Combine(Root, "fonts", "test-bank.sf2");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllBytes(Path, Bytes);
    }

    public byte[] Bytes { get; }

    public string Path { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton(new AudioSettings { SoundFontPath = Path }));
    }
}

/// <summary>A host on a machine without any SoundFont file: the built-in bank is in use.</summary>
public sealed class NoSoundFontFactory : CantusWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var empty = Directory.CreateDirectory(System.IO.Path.Combine(Root, "no-sf2")).FullName;
        builder.ConfigureTestServices(s => s.AddSingleton(sp => new SoundFontSource(sp.GetRequiredService<AudioSettings>(), () => null, empty)));
    }
}

public sealed class SoundFontApiTests : IClassFixture<ConfiguredSoundFontFactory>
{
    private readonly ConfiguredSoundFontFactory _factory;
    private readonly HttpClient _client;

    public SoundFontApiTests(ConfiguredSoundFontFactory factory)
    {
        _factory = factory;
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task TheConfiguredFile_IsServedWhole_Cacheable()
    {
        var response = await _client.GetAsync("/api/soundfont");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_factory.Bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal(_factory.Bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=86400", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal(new DateTimeOffset(File.GetLastWriteTimeUtc(_factory.Path)).ToUnixTimeSeconds(), response.Content.Headers.LastModified?.ToUnixTimeSeconds());
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal("test-bank.sf2", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task Ranges_AndConditionalRequests_AreAnswered()
    {
        var etag = (await _client.GetAsync("/api/soundfont")).Headers.ETag!;

        using var range = new HttpRequestMessage(HttpMethod.Get, "/api/soundfont");
        range.Headers.Range = new RangeHeaderValue(1000, 1099);
        var partial = await _client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("bytes 1000-1099/100000", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(_factory.Bytes[1000..1100], await partial.Content.ReadAsByteArrayAsync());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/soundfont");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=86400", notModified.Headers.CacheControl?.ToString());

        using var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, "/api/soundfont");
        unsatisfiable.Headers.Range = new RangeHeaderValue(200_000, 200_010);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await _client.SendAsync(unsatisfiable)).StatusCode);
    }

    [Fact]
    public async Task Info_NamesTheConfiguredFile()
    {
        var info = await _client.GetFromJsonAsync<JsonElement>("/api/soundfont/info");
        Assert.Equal("test-bank.sf2", info.GetProperty("name").GetString());
        Assert.Equal(100_000, info.GetProperty("bytes").GetInt64());
        Assert.Equal("configured", info.GetProperty("source").GetString());
        Assert.Equal(3, info.EnumerateObject().Count());
        Assert.DoesNotContain(_factory.Root, info.ToString(), StringComparison.Ordinal); // no server paths
    }
}

public sealed class SoundFontFallbackApiTests : IClassFixture<NoSoundFontFactory>
{
    private readonly HttpClient _client;

    public SoundFontFallbackApiTests(NoSoundFontFactory factory) => _client = factory.CreateClient();

    [Fact]
    public async Task WithoutAFile_InfoSaysBuiltIn_AndTheFileIsAProblemSayingWhatToDo()
    {
        var info = await _client.GetFromJsonAsync<JsonElement>("/api/soundfont/info");
        Assert.Equal("built-in", info.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, info.GetProperty("bytes").ValueKind);
        Assert.Equal(SoundFont.CreateFallback().Name, info.GetProperty("name").GetString());

        var problem = await ProblemAssert.IsProblem(await _client.GetAsync("/api/soundfont"), HttpStatusCode.NotFound);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("basic sound", detail, StringComparison.Ordinal);
        Assert.Contains("timgm6mb-soundfont", detail, StringComparison.Ordinal);
        Assert.Contains("CANTUS_SOUNDFONT", detail, StringComparison.Ordinal);
        Assert.EndsWith(".", detail, StringComparison.Ordinal);
    }
}

public sealed class SoundFontOnThisMachineTests : IClassFixture<CantusWebFactory>
{
    private readonly HttpClient _client;

    public SoundFontOnThisMachineTests(CantusWebFactory factory) => _client = factory.CreateClient();

    [Fact]
    public async Task TheServerUsesTheSameSearchAsRendering()
    {
        // The default host: no configured path, so $CANTUS_SOUNDFONT, then the system's banks, as AudioRendering finds them.
        var expected = SoundFontLocator.FindPath();
        var info = await _client.GetFromJsonAsync<JsonElement>("/api/soundfont/info");
        var response = await _client.GetAsync("/api/soundfont", HttpCompletionOption.ResponseHeadersRead);
        if (expected is null)
        {
            Assert.Equal("built-in", info.GetProperty("source").GetString());
            await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
            return;
        }
        var source = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SoundFontLocator.EnvironmentVariable)) ? "system" : "environment";
        Assert.Equal(source, info.GetProperty("source").GetString());
        Assert.Equal(Path.GetFileName(expected), info.GetProperty("name").GetString());
        Assert.Equal(new FileInfo(expected).Length, info.GetProperty("bytes").GetInt64());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new FileInfo(expected).Length, response.Content.Headers.ContentLength);
        var head = new byte[12];
        await using (var body = await response.Content.ReadAsStreamAsync()) await body.ReadExactlyAsync(head);
        Assert.Equal("RIFF"u8.ToArray(), head[..4]);
        Assert.Equal("sfbk"u8.ToArray(), head[8..12]);
    }
}
