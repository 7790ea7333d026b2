using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Cantus.Web.Hosting;

namespace Cantus.Web.Tests.Hosting;

/// <summary>The console's files as the server serves them: pages, cached and pre-compressed assets, and the API's own answers left alone.</summary>
public sealed partial class ConsoleHostingTests : IClassFixture<CantusWebFactory>
{
    private readonly CantusWebFactory _factory;

    public ConsoleHostingTests(CantusWebFactory factory) => _factory = factory;

    private static bool Built => File.Exists(Path.Combine(ConsoleHosting.Directory, "index.html"));

    [Theory]
    [InlineData("/")]
    [InlineData("/studio/0193a7c2-aaaa")]
    [InlineData("/training/new")]
    [InlineData("/shared/some-token")]
    public async Task Page_addresses_answer_the_console_page_uncached(string path)
    {
        Assert.True(Built, "the console was not built beside the tests (web/dist → console/)");
        var response = await _factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_sent_pre_compressed_when_accepted()
    {
        var client = _factory.CreateClient();
        var index = await client.GetStringAsync("/");
        var script = ScriptTag().Match(index).Groups[1].Value;
        Assert.StartsWith("/assets/", script, StringComparison.Ordinal);

        using var plain = await client.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("text/javascript", plain.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", plain.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var raw = await plain.Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var compressed = await client.SendAsync(request);
        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Equal("text/javascript", compressed.Content.Headers.ContentType?.MediaType);
        var body = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length < raw.Length / 2, $"brotli {body.Length} bytes against {raw.Length}");
        using var decoded = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress)) brotli.CopyTo(decoded);
        Assert.Equal(raw, decoded.ToArray());
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api")]
    [InlineData("/openapi/none")]
    public async Task API_addresses_keep_their_problem_404(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_body_format_on_the_API_is_still_415_not_a_page()
    {
        var response = await _factory.CreateClient().PostAsync("/api/compositions", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Only_GET_and_HEAD_open_pages()
    {
        var response = await _factory.CreateClient().PostAsync("/training", new StringContent("x"));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"")]
    private static partial Regex ScriptTag();
}
