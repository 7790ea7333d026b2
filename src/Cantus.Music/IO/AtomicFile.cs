using System.Globalization;

namespace Cantus.Music.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content: the data
/// goes to a temporary file in the same folder (<c>name.tmp-PID-RANDOM</c>), is flushed to the
/// device (fsync), then renamed over the target (rename is atomic on POSIX file systems and
/// NTFS). A failed or canceled write deletes its temporary file and leaves the target as it was.
/// The one place in Cantus that writes files a user or another process may read.
/// </summary>
public static class AtomicFile
{
    /// <summary>Marks temporary files (<c>name.tmp-…</c>); readers that list a folder skip names containing it.</summary>
    public const string TempMarker = ".tmp-";

    private const int BufferSize = 1 << 16;

    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts into the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var temp = TempPath(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
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

    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts into the stream, asynchronously.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var temp = TempPath(path);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text ?? "")));

    private static string TempPath(string path) => path + TempMarker + string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Random.Shared.Next():x8}");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort: a stale temporary file is ignored by every reader
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
