using Cantus.Gan.Models;
using Cantus.Music.Datasets;

namespace Cantus.Service;

/// <summary>
/// Where the service keeps and finds things: the data directory (<c>--data</c>, <c>$CANTUS_DATA</c>;
/// datasets under <c>datasets/&lt;name&gt;/</c>, the embedded database <c>cantus.db</c>) and the
/// folder of the sample models shipped with Cantus (read-only).
/// </summary>
public sealed record ServicePaths
{
    /// <summary>The data directory.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The folder of sample models (each a model directory), or null when none was found.</summary>
    public string? SampleModelsDirectory { get; init; }

    /// <summary>The paths for <paramref name="dataDirectory"/> (default <see cref="Music.Datasets.DataDirectory.Default"/>) with the shipped sample models.</summary>
    public static ServicePaths For(string? dataDirectory = null) => new()
    {
        DataDirectory = Path.GetFullPath(dataDirectory ?? Music.Datasets.DataDirectory.Default),
        SampleModelsDirectory = FindSampleModels(),
    };

    /// <summary>The folder holding the default model (<see cref="ModelStore.DefaultModelDirectory"/>'s search), or null.</summary>
    public static string? FindSampleModels()
    {
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(ModelStore.DefaultModelDirectory()));
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The folder of sample melodies shipped with Cantus (<c>samples/melodies</c>), looked for as the
    /// sample models are: in the current directory, then beside and above the executable; null when none is found.
    /// </summary>
    public static string? FindSampleMelodies()
    {
        var candidates = new List<string> { Path.Combine(Environment.CurrentDirectory, "samples", "melodies") };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            candidates.Add(Path.Combine(dir.FullName, "samples", "melodies"));
        return candidates.FirstOrDefault(Directory.Exists) is { } found ? Path.GetFullPath(found) : null;
    }

    /// <summary>The datasets of the data directory, by name only.</summary>
    public DatasetCatalog Datasets => new(DataDirectory);
}
