using Cantus.Gan.Models;
using Cantus.Gan.Tests.TestSupport;

namespace Cantus.Gan.Tests.Models;

public sealed class AtomicFileTests
{
    [Fact]
    public void FailedWrite_LeavesTheOldContentAndNoTemporaryFile()
    {
        using var dir = Paths.NewTemp();
        var path = dir["ckpt.safetensors"];
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("half of the new"u8);
            throw new IOException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["ckpt.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_ReplacesTheFile()
    {
        using var dir = Paths.NewTemp();
        var path = dir["a.txt"];
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "two");
        Assert.Equal("two", File.ReadAllText(path));
    }
}
