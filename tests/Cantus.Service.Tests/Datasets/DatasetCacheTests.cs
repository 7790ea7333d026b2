using Cantus.Music.IO;
using Cantus.Service.Datasets;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Datasets;

/// <summary>A node's cache of unpacked dataset archives: what a prune deletes, and what it never does.</summary>
public sealed class DatasetCacheTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly TempFolder dir = new();
    private readonly DatasetCache cache;
    private readonly DateTime now = DateTime.UtcNow;

    public DatasetCacheTests() => cache = new DatasetCache(dir["data"]);

    public void Dispose() => dir.Dispose();

    private static string Sha(char c) => new(c, 64);

    /// <summary>A folder of the cache holding one file of <paramref name="bytes"/> bytes, everything last written at <paramref name="written"/>.</summary>
    private string Folder(string name, DateTime written, int bytes = 100)
    {
        var path = Path.Combine(cache.Root, name);
        Directory.CreateDirectory(path);
        var file = Path.Combine(path, "piece.mid");
        File.WriteAllBytes(file, new byte[bytes]);
        File.SetLastWriteTimeUtc(file, written);
        Directory.SetLastWriteTimeUtc(path, written);
        return path;
    }

    [Fact]
    public void APrune_DeletesStaleFoldersOfArchivesNoDatasetHas_AndAbandonedTemporaryFolders_AndNothingElse()
    {
        var inUse = Folder(Sha('a'), now - 3 * Hour, 1000);
        var stale = Folder(Sha('b'), now - 3 * Hour, 3000);
        var recent = Folder(Sha('c'), now - TimeSpan.FromMinutes(10));
        var abandoned = Folder(Sha('d') + AtomicFile.TempMarker + "0123", now - 3 * Hour, 500);
        var unpacking = Folder(Sha('e') + AtomicFile.TempMarker + "4567", now - 3 * Hour);
        File.WriteAllBytes(Path.Combine(unpacking, "just-written.mid"), new byte[10]); // an unpack still writing
        Directory.SetLastWriteTimeUtc(unpacking, now - 3 * Hour);
        var foreign = Folder("notes", now - 3 * Hour);
        var keep = new HashSet<string> { Sha('a') };

        var dry = cache.Prune(keep, now, Hour, dryRun: true);
        Assert.Equal(new CacheSweep(2, 3500), dry);
        Assert.All(new[] { inUse, stale, recent, abandoned, unpacking, foreign }, f => Assert.True(Directory.Exists(f), f));

        Assert.Equal(dry, cache.Prune(keep, now, Hour, dryRun: false));
        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(abandoned));
        Assert.All(new[] { inUse, recent, unpacking, foreign }, f => Assert.True(Directory.Exists(f), f));
        Assert.Equal(4, Directory.GetDirectories(cache.Root).Length); // no leftovers of the renames
        Assert.Equal(CacheSweep.None, cache.Prune(keep, now, Hour, dryRun: false));

        // Once its dataset is gone and the folder unused for long enough, the archive in use goes too.
        Assert.Equal(new CacheSweep(1, 1000), cache.Prune(new HashSet<string>(), now, Hour, dryRun: false));
        Assert.False(Directory.Exists(inUse));
    }

    [Fact]
    public void AUse_KeepsAFolderFromTheNextPrune()
    {
        var folder = Folder(Sha('b'), now - 3 * Hour);
        Assert.Equal(folder, cache.GetOrUnpack(Sha('b'), _ => throw new InvalidOperationException("unpacked again")));
        Assert.Equal(CacheSweep.None, cache.Prune(new HashSet<string>(), DateTime.UtcNow, Hour, dryRun: false));
        Assert.True(File.Exists(Path.Combine(folder, "piece.mid")));
    }

    [Fact]
    public void AnUnpackInProgress_IsNeverPruned_EvenWithNoAgeAtAll()
    {
        var sha = Sha('f');
        var swept = CacheSweep.None;
        var folder = cache.GetOrUnpack(sha, staging =>
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "a.mid"), "first");
            swept = cache.Prune(new HashSet<string>(), DateTime.UtcNow, TimeSpan.Zero, dryRun: false);
            File.WriteAllText(Path.Combine(staging, "b.mid"), "second");
        });
        Assert.Equal(CacheSweep.None, swept);
        Assert.Equal(Path.Combine(cache.Root, sha), folder);
        Assert.Equal(["a.mid", "b.mid"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Single(Directory.GetDirectories(cache.Root)); // the temporary folder became it

        // With no age at all, a folder no dataset has goes as soon as it is not being unpacked.
        Assert.Equal(1, cache.Prune(new HashSet<string>(), DateTime.UtcNow.AddSeconds(1), TimeSpan.Zero, dryRun: false).Folders);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void AFailedUnpack_LeavesNothingBehind()
    {
        Assert.Throws<InvalidDataException>(() => cache.GetOrUnpack(Sha('a'), staging =>
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "a.mid"), "half");
            throw new InvalidDataException("a damaged archive");
        }));
        Assert.True(!Directory.Exists(cache.Root) || Directory.GetFileSystemEntries(cache.Root).Length == 0);
        Assert.Throws<ArgumentException>(() => cache.GetOrUnpack("../../etc", _ => { }));
    }
}
