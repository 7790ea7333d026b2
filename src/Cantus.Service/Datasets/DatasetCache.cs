using Cantus.Music.IO;
using Cantus.Service.Storage.Blobs;

namespace Cantus.Service.Datasets;

/// <summary>
/// A node's cache of unpacked dataset archives: a folder <c>cache/datasets/&lt;sha256&gt;/</c> of its
/// data directory per archive blob, unpacked into a temporary folder beside it (its name holds
/// <see cref="AtomicFile.TempMarker"/>) and renamed into place whole. Each use touches the folder
/// (its write time), so that a prune can tell the folders in use. In one process the end of an
/// unpack, a use and a prune's decision about a folder never interleave; a pruned folder is first
/// renamed away, so that a use after it unpacks the archive again rather than reading half a folder.
/// </summary>
internal sealed class DatasetCache(string dataDirectory)
{
    // One for the process: the web host's libraries, its worker's and a maintenance pass share it.
    private static readonly Lock Gate = new();

    /// <summary>A temporary folder not written for this long is abandoned, whatever the prune asked for.</summary>
    public static readonly TimeSpan MinimumTemporaryAge = TimeSpan.FromMinutes(10);

    /// <summary>The folder holding the unpacked archives.</summary>
    public string Root { get; } = Path.Combine(Path.GetFullPath(dataDirectory), "cache", "datasets");

    /// <summary>
    /// The folder of archive <paramref name="sha256"/>; when it is not there yet, <paramref name="unpack"/>
    /// writes the files into the (new) folder it is given, which then becomes it.
    /// </summary>
    public string GetOrUnpack(string sha256, Action<string> unpack)
    {
        ArgumentNullException.ThrowIfNull(unpack);
        BlobRef.ThrowIfInvalid(sha256);
        var folder = Path.Combine(Root, sha256);
        lock (Gate)
        {
            if (Directory.Exists(folder))
            {
                Touch(folder);
                return folder;
            }
        }
        var staging = folder + AtomicFile.TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            unpack(staging);
            Directory.CreateDirectory(Root);
            lock (Gate)
            {
                try
                {
                    Directory.Move(staging, folder);
                }
                catch (IOException) when (Directory.Exists(folder))
                {
                    // another process unpacked the same archive first
                }
                Touch(folder);
            }
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return folder;
    }

    /// <summary>
    /// Deletes, unless <paramref name="dryRun"/>, the folders of archives that are not in
    /// <paramref name="keep"/> and were last used longer than <paramref name="olderThan"/> before
    /// <paramref name="nowUtc"/>, and the temporary folders nothing has written to for as long (and
    /// never for less than <see cref="MinimumTemporaryAge"/>: an unpack in progress keeps writing to
    /// its folder). Entries of other names are left alone; a folder that cannot be deleted now is
    /// left for the next prune.
    /// </summary>
    public CacheSweep Prune(IReadOnlySet<string> keep, DateTime nowUtc, TimeSpan olderThan, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(keep);
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        if (!Directory.Exists(Root)) return CacheSweep.None;
        var cutoffUtc = nowUtc - olderThan;
        var temporaryCutoffUtc = nowUtc - (olderThan > MinimumTemporaryAge ? olderThan : MinimumTemporaryAge);
        var folders = 0;
        var bytes = 0L;
        foreach (var path in Directory.GetDirectories(Root))
        {
            var name = Path.GetFileName(path);
            string? doomed = null;
            if (IsTemporary(name))
            {
                if (NewestWrite(path) < temporaryCutoffUtc) doomed = path;
            }
            else if (BlobRef.IsValidSha256(name) && !keep.Contains(name))
            {
                lock (Gate)
                {
                    if (Directory.GetLastWriteTimeUtc(path) >= cutoffUtc) continue;
                    doomed = dryRun ? path : Rename(path);
                }
            }
            if (doomed is null) continue;
            var size = Size(doomed);
            if (!dryRun && !TryDelete(doomed)) continue;
            folders++;
            bytes += size;
        }
        return new CacheSweep(folders, bytes);
    }

    private static bool IsTemporary(string name) =>
        name.Length > 64 && name.AsSpan(64).StartsWith(AtomicFile.TempMarker, StringComparison.Ordinal) && BlobRef.IsValidSha256(name[..64]);

    /// <summary>Moves a folder out of the way (to a temporary name) before it is deleted; null when it went already.</summary>
    private static string? Rename(string path)
    {
        var trash = path + AtomicFile.TempMarker + "pruned-" + Guid.NewGuid().ToString("N");
        try
        {
            Directory.Move(path, trash);
            return trash;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // another prune got it, or it is not ours to delete: a temporary name, so the next prune tries again
        }
    }

    private static void Touch(string folder)
    {
        try
        {
            Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a read-only cache is still a cache: it is only never pruned
        }
    }

    /// <summary>The latest write time of the folder and of everything in it.</summary>
    private static DateTime NewestWrite(string folder)
    {
        var newest = Directory.GetLastWriteTimeUtc(folder);
        try
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
                if (entry.LastWriteTimeUtc > newest) newest = entry.LastWriteTimeUtc;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DateTime.MaxValue; // changing under us: not abandoned
        }
        return newest;
    }

    private static long Size(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
