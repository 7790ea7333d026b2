namespace Cantus.Service.Datasets;

/// <summary>What <c>dataset.json</c> records of an imported dataset.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Description">What it is.</param>
/// <param name="Imported">When it was imported (UTC).</param>
/// <param name="Files">MIDI files stored.</param>
public sealed record DatasetManifest(string Name, IReadOnlyList<string> Tags, string Description, DateTimeOffset Imported, int Files)
{
    /// <summary>File name of the manifest in the dataset's folder.</summary>
    public const string FileName = "dataset.json";
}
