using System.IO.Compression;
using System.Text.Json;
using Cantus.Music.Datasets;
using Cantus.Music.IO;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;
using Cantus.Service.Errors;

namespace Cantus.Service.Datasets;

/// <summary>
/// The datasets use case: list the datasets of the data directory, download the built-in JSB
/// chorales from their canonical address (SHA-256 checked), import a zip of MIDI files as a new
/// dataset (with limits against zip bombs and path tricks), and describe a dataset's windows.
/// Datasets are named, never addressed by a path from a request.
/// </summary>
public sealed class DatasetLibrary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly ServicePaths _paths;
    private readonly DatasetCatalog _catalog;

    /// <summary>Creates the library over <paramref name="paths"/>.</summary>
    public DatasetLibrary(ServicePaths paths)
    {
        _paths = paths ?? throw new ArgumentNullException(nameof(paths));
        _catalog = paths.Datasets;
    }

    /// <summary>The built-in datasets (available or not) and every imported one, by name.</summary>
    public IReadOnlyList<DatasetSummary> List()
    {
        var result = new List<DatasetSummary>
        {
            new(JsbChoralesLoader.DatasetName, "jsb-chorales", _catalog.Exists(JsbChoralesLoader.DatasetName), ["chorale", "bach"], null,
                "J. S. Bach's four-part chorales with the standard train/valid/test split (Boulanger-Lewandowski et al., 2012)."),
        };
        foreach (var name in _catalog.Names().Where(n => n != JsbChoralesLoader.DatasetName))
        {
            var manifest = ReadManifest(name);
            result.Add(new DatasetSummary(name, "midi-folder", true, manifest?.Tags ?? [], manifest?.Files ?? MidiFileSet.Expand([_catalog.DirectoryOf(name)]).Count,
                manifest?.Description ?? "A folder of MIDI files."));
        }
        return result;
    }

    /// <summary>Downloads a built-in dataset from its canonical address into the data directory, checking its SHA-256.</summary>
    /// <exception cref="CantusException">NotFound: no built-in dataset of that name; Unavailable: the address cannot be reached.</exception>
    public async Task<DatasetDownloadResult> DownloadAsync(string name, bool force, HttpClient http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!string.Equals(name?.Trim(), JsbChoralesLoader.DatasetName, StringComparison.OrdinalIgnoreCase))
            throw CantusException.NotFound($"There is no built-in dataset named '{name}' to download; the built-in one is {JsbChoralesLoader.DatasetName}.");
        try
        {
            return await new JsbChoralesDownloader(http).DownloadAsync(_catalog.DirectoryOf(JsbChoralesLoader.DatasetName), force, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CantusException(ErrorKind.Unavailable, $"The dataset could not be downloaded from {JsbChoralesDownloader.CanonicalUri}: {ex.Message}", inner: ex);
        }
    }

    /// <summary>Pieces and training samples per split of a dataset under <paramref name="windowing"/>.</summary>
    public DatasetInfo Info(string name, WindowOptions windowing, IDatasetResolver? resolver = null) =>
        DatasetInfo.Compute((resolver ?? _catalog).Open(name), windowing);

    /// <summary>
    /// Imports the MIDI files of a zip archive as dataset <paramref name="name"/> with <paramref name="tags"/>.
    /// Entries that are not MIDI or cannot be read (even leniently) are left out and reported;
    /// the dataset appears whole or not at all.
    /// </summary>
    /// <exception cref="CantusException">InvalidOptions (name, tags); Conflict: the name is taken; LimitExceeded; BadInput: not a zip, or no usable MIDI file.</exception>
    public ImportResult Import(string name, Stream archive, IReadOnlyList<string>? tags = null, string? description = null, ImportLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        limits ??= ImportLimits.Default;
        tags ??= [];
        if (!DatasetCatalog.IsValidName(name))
            throw CantusException.Invalid($"A dataset name is 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit; '{name}' is not.", "name");
        if (tags.Count > 32 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 64)) throw CantusException.Invalid("A dataset has at most 32 tags of 1..64 characters.", "tags");
        if (name == JsbChoralesLoader.DatasetName || Directory.Exists(_catalog.DirectoryOf(name)))
            throw CantusException.Conflict($"A dataset named '{name}' already exists; choose another name.");
        var bytes = ReadBounded(archive, limits.MaxArchiveBytes);
        var staging = Path.Combine(_paths.DataDirectory, "datasets", $".{name}{AtomicFile.TempMarker}{Guid.NewGuid():N}");
        try
        {
            var (files, skipped, repairs) = Extract(bytes, staging, limits);
            if (files == 0) throw CantusException.BadInput($"The archive holds no readable MIDI file{(skipped.Count > 0 ? $" ({skipped.Count} entries left out: {string.Join("; ", skipped.Take(3))})" : "")}.");
            var manifest = new DatasetManifest(name, tags.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList(), description?.Trim() ?? "", DateTimeOffset.UtcNow, files);
            AtomicFile.WriteAllText(Path.Combine(staging, DatasetManifest.FileName), JsonSerializer.Serialize(manifest, Json));
            Directory.Move(staging, _catalog.DirectoryOf(name));
            return new ImportResult(List().First(d => d.Name == name), skipped, repairs);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private DatasetManifest? ReadManifest(string name)
    {
        var path = Path.Combine(_catalog.DirectoryOf(name), DatasetManifest.FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] ReadBounded(Stream stream, long max)
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

    private static (int Files, List<string> Skipped, List<string> Repairs) Extract(byte[] bytes, string staging, ImportLimits limits)
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
