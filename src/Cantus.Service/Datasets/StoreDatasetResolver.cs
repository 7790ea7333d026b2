using Cantus.Music.Datasets;

namespace Cantus.Service.Datasets;

/// <summary>Opens one user's datasets by name: built-in ones from the store (else the data directory), the data directory's folders, the user's imports from the store.</summary>
internal sealed class StoreDatasetResolver(DatasetLibrary library, string ownerId) : IDatasetResolver
{
    public Dataset Open(string name, IReadOnlyList<string>? tags = null) => library.Open(ownerId, (name ?? "").Trim().ToLowerInvariant(), tags);
}
