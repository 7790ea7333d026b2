using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;
using Cantus.Service.Errors;

namespace Cantus.Service.Melodies;

/// <summary>
/// The sample melodies: the <c>.mid</c> files of one folder (by default the shipped
/// <c>samples/melodies</c>, see <see cref="ServicePaths.FindSampleMelodies"/>), listed with their
/// title, length and notes, and served by name. A name is only ever looked up in the listing, so
/// no request can name a path. Files that cannot be read even leniently, or hold no notes, are left out.
/// The listing is read again when the folder's files change.
/// </summary>
public sealed class SampleMelodies
{
    private readonly Lock _lock = new();
    private (string Signature, IReadOnlyList<Entry> Entries)? _cache;

    /// <summary>The sample melodies of <paramref name="directory"/> (null or missing: none).</summary>
    public SampleMelodies(string? directory) => Directory = directory is null ? null : Path.GetFullPath(directory);

    /// <summary>The folder, or null when there is none.</summary>
    public string? Directory { get; }

    /// <summary>The sample melodies, by name.</summary>
    public IReadOnlyList<SampleMelody> List() => Entries().Select(e => e.Melody).ToList();

    /// <summary>The MIDI file of the sample melody <paramref name="name"/>.</summary>
    /// <exception cref="CantusException">NotFound: no sample melody has that name.</exception>
    public async Task<byte[]> MidiAsync(string name, CancellationToken cancellationToken = default)
    {
        var entry = Entries().FirstOrDefault(e => string.Equals(e.Melody.Name, name, StringComparison.Ordinal))
            ?? throw CantusException.NotFound($"There is no sample melody '{name}'; GET /api/sample-melodies lists them.");
        try
        {
            return await File.ReadAllBytesAsync(entry.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CantusException.NotFound($"The sample melody '{name}' was removed.", ex);
        }
    }

    /// <summary>"ode-to-joy" → "Ode to joy": separators become spaces, the first letter a capital.</summary>
    public static string Readable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Split(['-', '_', ' ', '.'], StringSplitOptions.RemoveEmptyEntries);
        var text = string.Join(' ', words);
        return text.Length == 0 ? name : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private IReadOnlyList<Entry> Entries()
    {
        if (Directory is null || !System.IO.Directory.Exists(Directory)) return [];
        var files = new DirectoryInfo(Directory)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true })
            .Where(f => f.Extension.Equals(".mid", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var signature = string.Join('|', files.Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
        lock (_lock)
        {
            if (_cache is { } cached && cached.Signature == signature) return cached.Entries;
            var entries = new List<Entry>(files.Count);
            foreach (var file in files)
                if (Read(file) is { } melody)
                    entries.Add(new Entry(file.FullName, melody));
            _cache = (signature, entries);
            return entries;
        }
    }

    private static SampleMelody? Read(FileInfo file)
    {
        try
        {
            var midi = MidiFile.Read(file.FullName, MidiReadingSettings.Lenient);
            if (midi.NoteCount == 0) return null;
            var name = Path.GetFileNameWithoutExtension(file.Name);
            var title = midi.Tracks.Select(t => t.Name?.Trim()).FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? Readable(name);
            var steps = MidiToMultitrack.Convert(midi).Steps;
            var seconds = MidiSummary.Of(midi).DurationSeconds;
            return new SampleMelody(name, title, (steps + 15) / 16, midi.NoteCount, Math.Round(seconds, 3));
        }
        catch (Exception ex) when (ex is MidiFormatException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or NotSupportedException)
        {
            return null; // not a melody anyone can use: left out of the listing
        }
    }

    private sealed record Entry(string Path, SampleMelody Melody);
}
