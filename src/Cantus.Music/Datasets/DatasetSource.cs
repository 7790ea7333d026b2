namespace Cantus.Music.Datasets;

/// <summary>
/// Resolves what a user names as a dataset: <c>jsb-chorales</c> (the downloaded copy in the data
/// directory), a <c>Jsb16thSeparated.json</c>-format file, or a folder of MIDI files.
/// </summary>
public static class DatasetSource
{
    /// <summary>Opens <paramref name="source"/>; <paramref name="dataDirectory"/> defaults to <see cref="DataDirectory.Default"/>.</summary>
    /// <exception cref="FileNotFoundException">jsb-chorales is not downloaded, or the path does not exist.</exception>
    /// <exception cref="InvalidDataException">The file or folder holds no usable data.</exception>
    public static Dataset Open(string source, IEnumerable<string>? tags = null, SplitRule? folderRule = null, string? dataDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (string.Equals(source, JsbChoralesLoader.DatasetName, StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.Combine(DataDirectory.DatasetDirectory(JsbChoralesLoader.DatasetName, dataDirectory), JsbChoralesLoader.FileName);
            if (!File.Exists(path))
                throw new FileNotFoundException($"{JsbChoralesLoader.DatasetName} is not downloaded (looked for {path}); run 'cantus dataset download jsb-chorales' or give the path of {JsbChoralesLoader.FileName}", path);
            return JsbChoralesLoader.Load(path);
        }
        if (Directory.Exists(source)) return MidiFolderDataset.Load(source, tags, folderRule);
        if (File.Exists(source)) return JsbChoralesLoader.Load(source);
        throw new FileNotFoundException($"No dataset named '{source}', and no such file or folder", source);
    }
}
