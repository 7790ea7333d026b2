using Cantus.Music.Midi;

namespace Cantus.Music.PianoRolls;

/// <summary>
/// Expands paths (MIDI files and folders of them, searched recursively for .mid, .midi, .rmi,
/// .smf) into an ordered list of files, and reads each as a <see cref="Multitrack"/>.
/// </summary>
public static class MidiFileSet
{
    private static readonly string[] Extensions = [".mid", ".midi", ".rmi", ".smf"];

    /// <summary>True when <paramref name="path"/> ends in a MIDI file extension (.mid, .midi, .rmi, .smf; any case).</summary>
    public static bool IsMidiPath(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>The MIDI files named by <paramref name="paths"/>, folders expanded, in ordinal order within each folder.</summary>
    /// <exception cref="FileNotFoundException">A path names neither a file nor a folder.</exception>
    /// <exception cref="ArgumentException">More files than <paramref name="maxFiles"/>.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, int maxFiles = 100_000)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else throw new FileNotFoundException($"No such file or folder: {path}", path);
            if (files.Count > maxFiles) throw new ArgumentException($"More than {maxFiles} MIDI files under the given paths.", nameof(paths));
        }
        return files;
    }

    /// <summary>Reads every file as a multitrack; a bad file raises <see cref="MidiFormatException"/> naming the file.</summary>
    public static IEnumerable<(string Path, Multitrack Multitrack)> Read(
        IEnumerable<string> files, MidiReadingSettings? settings = null, MidiImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            Multitrack m;
            try
            {
                m = MidiToMultitrack.Read(file, settings, options);
            }
            catch (MidiFormatException ex)
            {
                throw new MidiFormatException($"{file}: {ex.Problem}", ex.Chunk, ex.Track, ex.EventIndex, ex.ByteOffset);
            }
            yield return (file, m);
        }
    }
}
