using System.Net;
using System.Security.Cryptography;
using Cantus.Music.Datasets;

namespace Cantus.Music.Tests.Datasets;

/// <summary>Never online: the HttpClient sits on a handler that serves local bytes.</summary>
public sealed class JsbChoralesDownloaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"cantus-dl-{Guid.NewGuid():N}");
    private static readonly byte[] Good = File.ReadAllBytes(RepoPaths.JsbJson);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private sealed class LocalHandler(byte[] body, HttpStatusCode status = HttpStatusCode.OK, bool declareLength = true) : HttpMessageHandler
    {
        public int Requests { get; private set; }
        public Uri? LastUri { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            LastUri = request.RequestUri;
            HttpContent content = declareLength ? new ByteArrayContent(body) : new StreamContent(new JsbChoralesLoaderTests.NonSeekableStream(body));
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        }
    }

    private static JsbChoralesDownloader Downloader(LocalHandler handler, long maxBytes = 16L << 20) =>
        new(new HttpClient(handler), maxBytes);

    private string[] FilesInDir() => Directory.Exists(_dir) ? Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)).ToArray() : [];

    [Fact]
    public void EmbeddedHashIsTheSharedCopysHash() =>
        Assert.Equal(JsbChoralesDownloader.Sha256, Convert.ToHexStringLower(SHA256.HashData(Good)));

    [Fact]
    public async Task GoodBytesAreStoredUnderTheFinalNameOnly()
    {
        var handler = new LocalHandler(Good);
        var result = await Downloader(handler).DownloadAsync(_dir);
        Assert.True(result.Downloaded);
        Assert.Equal(Good.Length, result.Bytes);
        Assert.Equal(Path.Combine(Path.GetFullPath(_dir), "Jsb16thSeparated.json"), result.Path);
        Assert.Equal(Good, File.ReadAllBytes(result.Path));
        Assert.Equal(["Jsb16thSeparated.json"], FilesInDir()); // no temp file left
        Assert.Equal("https://raw.githubusercontent.com/czhuang/JSB-Chorales-dataset/master/Jsb16thSeparated.json", handler.LastUri!.ToString());
        Assert.True(await JsbChoralesDownloader.IsVerifiedAsync(result.Path));
        Assert.Equal(229, JsbChoralesLoader.Load(result.Path).Pieces(DatasetSplit.Train).Count);
    }

    [Fact]
    public async Task VerifiedCopyIsNotFetchedAgainUnlessForced()
    {
        var handler = new LocalHandler(Good);
        var downloader = Downloader(handler);
        await downloader.DownloadAsync(_dir);
        var again = await downloader.DownloadAsync(_dir);
        Assert.False(again.Downloaded);
        Assert.Equal(1, handler.Requests);
        Assert.True((await downloader.DownloadAsync(_dir, force: true)).Downloaded);
        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public async Task CorruptedBytesAreRejectedAndNothingIsWritten()
    {
        var bad = (byte[])Good.Clone();
        bad[1000] ^= 0x01;
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Downloader(new LocalHandler(bad)).DownloadAsync(_dir));
        Assert.Contains("SHA-256 of the download is", ex.Message);
        Assert.Contains("expected 79294cc3", ex.Message);
        Assert.Empty(FilesInDir());
    }

    [Fact]
    public async Task CorruptedDownloadKeepsTheExistingGoodFile()
    {
        var downloader = Downloader(new LocalHandler(Good));
        var path = (await downloader.DownloadAsync(_dir)).Path;
        var bad = Good[..^1];
        await Assert.ThrowsAsync<InvalidDataException>(() => Downloader(new LocalHandler(bad)).DownloadAsync(_dir, force: true));
        Assert.Equal(Good, File.ReadAllBytes(path));
        Assert.Equal(["Jsb16thSeparated.json"], FilesInDir());
    }

    [Fact]
    public async Task DamagedLocalCopyIsReplaced()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "Jsb16thSeparated.json");
        await File.WriteAllTextAsync(path, "{}");
        Assert.False(await JsbChoralesDownloader.IsVerifiedAsync(path));
        var result = await Downloader(new LocalHandler(Good)).DownloadAsync(_dir);
        Assert.True(result.Downloaded);
        Assert.Equal(Good, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // no Content-Length: the streaming cap must catch it
    public async Task SizeCapStopsTheDownload(bool declareLength)
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            Downloader(new LocalHandler(Good, declareLength: declareLength), maxBytes: 100_000).DownloadAsync(_dir));
        Assert.Contains("larger than the limit of 100000 bytes", ex.Message);
        Assert.Empty(FilesInDir());
    }

    [Fact]
    public async Task HttpErrorStatusIsReported()
    {
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Downloader(new LocalHandler([], HttpStatusCode.NotFound)).DownloadAsync(_dir));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("404", ex.Message);
    }
}
