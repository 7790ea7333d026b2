using Cantus.Music.PianoRolls;
using System.Text.RegularExpressions;

namespace Cantus.Music.Datasets;

/// <summary>
/// The datasets of a data directory, by name only: <c>jsb-chorales</c> is
/// <c>datasets/jsb-chorales/Jsb16thSeparated.json</c>, any other name <c>n</c> the folder of
/// MIDI files <c>datasets/n/</c> (an imported or copied dataset, split 80/10/10 by a hash of
/// each file's name). A name is never a path: names that are not a plain identifier are
/// refused, so a name that came from a request cannot reach outside the data directory.
/// </summary>
public sealed partial class DatasetCatalog : IDatasetResolver
{
    /// <summary>Creates the catalog of <paramref name="dataDirectory"/> (default <see cref="DataDirectory.Default"/>).</summary>
    public DatasetCatalog(string? dataDirectory = null) => Root = Path.GetFullPath(dataDirectory ?? DataDirectory.Default);

    /// <summary>The data directory.</summary>
    public string Root { get; }

    /// <summary>True for a valid dataset name: 1–64 characters of a–z, 0–9, '.', '_' and '-', starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The folder of dataset <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a valid dataset name.</exception>
    public string DirectoryOf(string name)
    {
        if (!IsValidName(name)) throw new ArgumentException($"'{name}' is not a dataset name: use 1–64 lower-case letters, digits, '.', '_' or '-'.", nameof(name));
        return DataDirectory.DatasetDirectory(name, Root);
    }

    /// <summary>True when dataset <paramref name="name"/> is present (downloaded or imported).</summary>
    public bool Exists(string name)
    {
        if (!IsValidName(name)) return false;
        if (name == JsbChoralesLoader.DatasetName) return File.Exists(Path.Combine(DirectoryOf(name), JsbChoralesLoader.FileName));
        return Directory.Exists(DirectoryOf(name)) && MidiFileSet.Expand([DirectoryOf(name)]).Count > 0;
    }

    /// <summary>Names of the datasets present, sorted.</summary>
    public IReadOnlyList<string> Names()
    {
        var folder = Path.Combine(Root, "datasets");
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>().Where(Exists).Order(StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc/>
    public Dataset Open(string name, IReadOnlyList<string>? tags = null)
    {
        var normalized = (name ?? "").Trim().ToLowerInvariant();
        if (!IsValidName(normalized)) throw new FileNotFoundException($"There is no dataset named '{name}' (a dataset is named by letters, digits, '.', '_' and '-').");
        if (normalized == JsbChoralesLoader.DatasetName)
        {
            var path = Path.Combine(DirectoryOf(normalized), JsbChoralesLoader.FileName);
            if (!File.Exists(path))
                throw new FileNotFoundException($"The dataset {JsbChoralesLoader.DatasetName} is not downloaded yet: download it first (from its canonical address, checked by SHA-256).", path);
            return JsbChoralesLoader.Load(path);
        }
        var folder = DirectoryOf(normalized);
        if (!Directory.Exists(folder)) throw new FileNotFoundException($"There is no dataset named '{normalized}' in the data directory: import it first.", folder);
        var own = Tags(folder);
        var missing = (tags ?? []).Where(t => !own.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"The dataset '{normalized}' does not carry the tag(s) {string.Join(", ", missing)} (its tags: {(own.Count == 0 ? "none" : string.Join(", ", own))}).");
        return MidiFolderDataset.Load(folder, own, SplitRule.ByNameHash(), Midi.MidiReadingSettings.Lenient);
    }

    /// <summary>The tags recorded in a dataset folder's <c>dataset.json</c> (empty when there is none).</summary>
    private static List<string> Tags(string folder)
    {
        var path = Path.Combine(folder, ManifestFileName);
        if (!File.Exists(path)) return [];
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == System.Text.Json.JsonValueKind.Array
                ? tags.EnumerateArray().Where(t => t.ValueKind == System.Text.Json.JsonValueKind.String).Select(t => t.GetString()!).ToList()
                : [];
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Name of the file in a dataset folder that records its tags and description.</summary>
    public const string ManifestFileName = "dataset.json";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
