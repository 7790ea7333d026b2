namespace Cantus.Gan.Models;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content: the data
/// goes to <c>path.tmp-PID</c>, is flushed to disk (fsync), then renamed over <c>path</c>
/// (rename is atomic on POSIX file systems and NTFS).
/// </summary>
internal static class AtomicFile
{
    public const string TempMarker = ".tmp-";

    public static void Write(string path, Action<Stream> write)
    {
        var temp = path + TempMarker + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort: a stale temp file is ignored by every reader
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
