using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// A dataset made of a folder of multitrack MIDI files (such as the DeepComposer lab's 229
/// snippets): each file is one piece, named by its path relative to the folder, its tracks
/// with notes in file order, padded to whole bars. All pieces must have the same number of
/// tracks, since a training sample holds one roll per track.
/// </summary>
public static class MidiFolderDataset
{
    /// <summary>Reads every MIDI file under <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="InvalidDataException">No MIDI file, or files with different track counts.</exception>
    /// <exception cref="MidiFormatException">A file is malformed (the message names it).</exception>
    public static Dataset Load(string folder, IEnumerable<string>? tags = null, SplitRule? rule = null, MidiReadingSettings? settings = null)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"No such folder: {folder}");
        var files = MidiFileSet.Expand([folder]);
        if (files.Count == 0) throw new InvalidDataException($"{folder}: no MIDI files (.mid, .midi, .rmi, .smf)");
        var options = new MidiImportOptions { PadToWholeBars = true };
        var pieces = new List<DatasetPiece>(files.Count);
        foreach (var (path, roll) in MidiFileSet.Read(files, settings, options))
        {
            var name = Path.GetRelativePath(folder, path).Replace('\\', '/');
            if (pieces.Count > 0 && roll.Tracks.Count != pieces[0].Roll.Tracks.Count)
                throw new InvalidDataException($"{path}: {roll.Tracks.Count} tracks with notes, but {pieces[0].Name} has {pieces[0].Roll.Tracks.Count}; a dataset's pieces need the same tracks");
            pieces.Add(new DatasetPiece(name, roll));
        }
        var datasetName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        return Dataset.Create(datasetName, tags ?? [], pieces, rule);
    }
}
