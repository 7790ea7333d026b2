using Cantus.Music.IO;

namespace Cantus.Music.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cantus-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FailedWrite_LeavesTheOldContentAndNoTemporaryFile()
    {
        var path = Path.Combine(_dir, "ckpt.safetensors");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("half of the new"u8);
            throw new IOException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["ckpt.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_ReplacesTheFile()
    {
        var path = Path.Combine(_dir, "a.txt");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllBytes(path, "two"u8);
        Assert.Equal("two", File.ReadAllText(path));
    }

    [Fact]
    public async Task CanceledAsyncWrite_LeavesNothing()
    {
        var path = Path.Combine(_dir, "download.json");
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, async (s, ct) =>
        {
            await s.WriteAsync("partial"u8.ToArray(), ct);
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }, cts.Token));
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
