using System.Net;
using System.Security.Cryptography;
using Cantus.Music.Datasets;

namespace Cantus.Music.Tests.Datasets;

/// <summary>Never online: the client sits on a handler that serves the shared copy of the snippets.</summary>
public sealed class LabSnippetsDownloaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"cantus-lab-{Guid.NewGuid():N}");
    private static readonly string Shared = Path.Combine(Path.GetDirectoryName(RepoPaths.JsbJson)!, "..", "deepcomposer-jsb-2bar");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private sealed class FolderHandler(string folder, string? corrupt = null) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var name = Path.GetFileName(request.RequestUri!.AbsolutePath);
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            var bytes = File.ReadAllBytes(path);
            if (name == corrupt) bytes[^1] ^= 0xFF;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) });
        }
    }

    [Fact]
    public void TheEmbeddedManifestIsTheSharedCopysHashes()
    {
        Assert.Equal(229, LabSnippetsDownloader.Manifest.Count);
        foreach (var (file, sha) in LabSnippetsDownloader.Manifest)
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Shared, file)))));
    }

    [Fact]
    public async Task VerifiedFilesAppearTogether_ThenAreKept()
    {
        var target = Path.Combine(_dir, "lab-snippets");
        var handler = new FolderHandler(Shared);
        var result = await new LabSnippetsDownloader(new HttpClient(handler)).DownloadAsync(target);
        Assert.True(result.Downloaded);
        Assert.Equal(229, Directory.GetFiles(target, "*.mid").Length);
        Assert.Equal(["lab-snippets"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
        Assert.Equal(229, handler.Requests);
        var again = await new LabSnippetsDownloader(new HttpClient(handler)).DownloadAsync(target);
        Assert.False(again.Downloaded);
        Assert.Equal(229, handler.Requests);
        Assert.Equal(229, DatasetSplits.All.Sum(s => MidiFolderDataset.Load(target, rule: SplitRule.ByNameHash()).Rolls(s).Count));
    }

    [Fact]
    public async Task OneCorruptedFile_WritesNothing()
    {
        var target = Path.Combine(_dir, "lab-snippets");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new LabSnippetsDownloader(new HttpClient(new FolderHandler(Shared, corrupt: "MIDI-100.mid"))).DownloadAsync(target));
        Assert.Contains("MIDI-100.mid", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.Exists(_dir) ? Directory.GetFileSystemEntries(_dir) : []);
    }
}
