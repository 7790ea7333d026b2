namespace Cantus.Music.Datasets;

/// <summary>
/// Resolves what a local user names as a dataset: a name in the data directory
/// (<see cref="DatasetCatalog"/>, e.g. <c>jsb-chorales</c>), else a <c>Jsb16thSeparated.json</c>-format
/// file or a folder of MIDI files on this machine. For trusted local callers such as the command
/// line; a service resolves names only (<see cref="DatasetCatalog"/>).
/// </summary>
public sealed class DatasetSource : IDatasetResolver
{
    private readonly DatasetCatalog _catalog;
    private readonly SplitRule? _folderRule;

    /// <summary>Creates a resolver over <paramref name="dataDirectory"/> (default <see cref="DataDirectory.Default"/>); MIDI folders given by path are split by <paramref name="folderRule"/> (default: all train).</summary>
    public DatasetSource(string? dataDirectory = null, SplitRule? folderRule = null)
    {
        _catalog = new DatasetCatalog(dataDirectory);
        _folderRule = folderRule;
    }

    /// <summary>Opens <paramref name="source"/> with a new <see cref="DatasetSource"/>.</summary>
    /// <exception cref="FileNotFoundException">jsb-chorales is not downloaded, or the path does not exist.</exception>
    /// <exception cref="InvalidDataException">The file or folder holds no usable data.</exception>
    public static Dataset Open(string source, IEnumerable<string>? tags = null, SplitRule? folderRule = null, string? dataDirectory = null) =>
        new DatasetSource(dataDirectory, folderRule).Open(source, tags?.ToList());

    /// <inheritdoc/>
    public Dataset Open(string name, IReadOnlyList<string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var isJsb = string.Equals(name.Trim(), JsbChoralesLoader.DatasetName, StringComparison.OrdinalIgnoreCase);
        if (isJsb || (DatasetCatalog.IsValidName(name) && _catalog.Exists(name) && !Directory.Exists(name) && !File.Exists(name)))
            return _catalog.Open(name, tags);
        if (Directory.Exists(name)) return MidiFolderDataset.Load(name, tags, _folderRule);
        if (File.Exists(name)) return JsbChoralesLoader.Load(name);
        throw new FileNotFoundException($"No dataset named '{name}', and no such file or folder", name);
    }
}
