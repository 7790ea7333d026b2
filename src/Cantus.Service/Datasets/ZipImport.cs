using System.IO.Compression;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;
using Cantus.Service.Errors;

namespace Cantus.Service.Datasets;

/// <summary>
/// Reads a zip of MIDI files safely: bounded archive size, entry count, per-file and total
/// inflated size (counted while inflating, so a zip bomb stops early), entries that are not plain
/// relative paths refused, every MIDI file read (leniently) before it is kept. Also writes the
/// archive of a built-in dataset's files (<see cref="Create"/>), which is unpacked the same way.
/// </summary>
internal static class ZipImport
{
    public static byte[] ReadBounded(Stream stream, long max)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > max) throw CantusException.TooLarge($"The archive is larger than the limit of {max} bytes.", "archive");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Extracts the MIDI files of the zip <paramref name="bytes"/> into <paramref name="staging"/>;
    /// entries named exactly as one of <paramref name="keepAlso"/> (a built-in dataset's other
    /// files, such as <c>Jsb16thSeparated.json</c>) are kept as they are, within the same limits.
    /// </summary>
    public static (int Files, List<string> Skipped, List<string> Repairs) Extract(byte[] bytes, string staging, ImportLimits limits, IReadOnlySet<string>? keepAlso = null)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw CantusException.BadInput($"The archive is not a valid zip file: {ex.Message}", ex);
        }
        using (zip)
        {
            if (zip.Entries.Count > limits.MaxEntries)
                throw CantusException.TooLarge($"The archive has {zip.Entries.Count} entries; the limit is {limits.MaxEntries}.", "archive");
            var skipped = new List<string>();
            var repairs = new List<string>();
            var files = 0;
            long total = 0;
            Directory.CreateDirectory(staging);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue; // a folder
                var relative = SafeRelativePath(entry.FullName);
                if (relative is null)
                {
                    skipped.Add($"{entry.FullName}: not a plain relative path");
                    continue;
                }
                if (keepAlso is not null && keepAlso.Contains(relative))
                {
                    var kept = Inflate(entry, limits.MaxFileBytes, limits.MaxUncompressedBytes - total);
                    total += kept.Length;
                    File.WriteAllBytes(Path.Combine(staging, relative), kept);
                    files++;
                    continue;
                }
                if (!MidiFileSet.IsMidiPath(relative) || relative.Split('/').Any(s => s.StartsWith('.')))
                {
                    skipped.Add($"{entry.FullName}: not a MIDI file");
                    continue;
                }
                // The declared size can lie: the copy below counts the bytes it actually inflates.
                var content = Inflate(entry, limits.MaxFileBytes, limits.MaxUncompressedBytes - total);
                total += content.Length;
                try
                {
                    var midi = MidiFile.Parse(content, MidiReadingSettings.Lenient);
                    if (midi.Repairs.Count > 0) repairs.Add($"{relative}: {string.Join("; ", midi.Repairs)}");
                }
                catch (MidiFormatException ex)
                {
                    skipped.Add($"{relative}: {ex.Message}");
                    continue;
                }
                var target = Path.Combine(staging, relative.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, content);
                files++;
            }
            return (files, skipped, repairs);
        }
    }

    /// <summary>
    /// A zip of <paramref name="files"/> (plain relative names) that depends on their names and
    /// bytes only: entries in ordinal name order, one fixed time stamp. Two nodes storing the same
    /// files make the same blob.
    /// </summary>
    public static byte[] Create(IEnumerable<(string Name, byte[] Content)> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                using var stream = entry.Open();
                stream.Write(content);
            }
        return buffer.ToArray();
    }

    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static byte[] Inflate(ZipArchiveEntry entry, long maxFile, long remaining)
    {
        using var input = entry.Open();
        using var output = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            if (output.Length + read > maxFile)
                throw CantusException.TooLarge($"{entry.FullName} inflates to more than the limit of {maxFile} bytes for one MIDI file.", "archive");
            if (output.Length + read > remaining)
                throw CantusException.TooLarge("The archive inflates to more than the limit for all its files together.", "archive");
            output.Write(chunk, 0, read);
        }
        return output.ToArray();
    }

    /// <summary>The entry's path with '/' separators when it is relative and stays inside the folder; null otherwise.</summary>
    private static string? SafeRelativePath(string name)
    {
        var normalized = name.Replace('\\', '/');
        if (normalized.Length == 0 || normalized.Length > 512 || normalized.StartsWith('/') || normalized.Contains(':', StringComparison.Ordinal) || normalized.Contains('\0', StringComparison.Ordinal))
            return null;
        var segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Length > 16 || segments.Any(s => s is "." or ".." || s.Length > 255)) return null;
        return string.Join('/', segments);
    }
}
