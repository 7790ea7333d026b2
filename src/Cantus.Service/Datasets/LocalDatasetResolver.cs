using Cantus.Music.Datasets;

namespace Cantus.Service.Datasets;

/// <summary>
/// What a local user (the command line) names as a dataset: the data directory's datasets, a file
/// or folder on this machine (<see cref="DatasetSource"/>), else one of the user's imported datasets.
/// </summary>
public sealed class LocalDatasetResolver(DatasetSource local, IDatasetResolver imported) : IDatasetResolver
{
    /// <inheritdoc/>
    public Dataset Open(string name, IReadOnlyList<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(imported);
        try
        {
            return local.Open(name, tags);
        }
        catch (FileNotFoundException) when (DatasetCatalog.IsValidName(name) && !Directory.Exists(name) && !File.Exists(name))
        {
            return imported.Open(name, tags);
        }
    }
}
