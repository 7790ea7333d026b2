using System.Globalization;
using System.Security.Cryptography;
using Cantus.Music.Datasets;
using Cantus.Music.Midi;
using Cantus.Service.Errors;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Datasets;

/// <summary>
/// What Cantus knows of its built-in datasets (the JSB chorales, the lab's snippets): their files
/// and published SHA-256s, how a folder holding them is checked before they are stored, and how
/// the files unpacked from the store are opened. In the store a built-in dataset is kept as an
/// import is: one zip blob of its files, on a row without owner that every user sees.
/// </summary>
internal static class BuiltInDatasets
{
    /// <summary>The names, in the order lists show them.</summary>
    public static IReadOnlyList<string> Names { get; } = [JsbChoralesLoader.DatasetName, LabSnippetsDownloader.DatasetName];

    /// <summary>The lab snippets' tags (the JSB chorales carry <see cref="JsbChoralesLoader.Tags"/>).</summary>
    public static IReadOnlyList<string> LabTags { get; } = ["chorale", "lab"];

    /// <summary>True for the name of a built-in dataset.</summary>
    public static bool Is(string? name) => name is JsbChoralesLoader.DatasetName or LabSnippetsDownloader.DatasetName;

    /// <summary>The folders (under a datasets folder) that may hold <paramref name="name"/>: its own name, and for the lab's snippets also <c>deepcomposer-jsb-2bar</c> (the copy in <c>../shared/datasets</c>).</summary>
    public static IReadOnlyList<string> FolderNames(string name) =>
        name == LabSnippetsDownloader.DatasetName ? [name, "deepcomposer-jsb-2bar"] : [name];

    /// <summary>Files other than MIDI files that the dataset's archive holds.</summary>
    public static IReadOnlySet<string> OtherFiles(string name) =>
        name == JsbChoralesLoader.DatasetName ? new HashSet<string>(StringComparer.Ordinal) { JsbChoralesLoader.FileName } : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>True when <paramref name="folder"/> holds (some of) the files of <paramref name="name"/>.</summary>
    public static bool IsPresent(string name, string folder) =>
        name == JsbChoralesLoader.DatasetName
            ? File.Exists(Path.Combine(folder, JsbChoralesLoader.FileName))
            : Directory.Exists(folder) && Music.PianoRolls.MidiFileSet.Expand([folder]).Count > 0;

    /// <summary>SHA-256 naming the verified files: the JSB file's own, or the lab manifest's fingerprint.</summary>
    public static string Fingerprint(string name) =>
        name == JsbChoralesLoader.DatasetName ? JsbChoralesDownloader.Sha256 : LabSnippetsDownloader.Fingerprint();

    /// <summary>The row of a built-in dataset whose files are the blob <paramref name="archiveSha256"/>.</summary>
    public static DatasetRecord Record(string name, string archiveSha256, int pieces) => new()
    {
        Name = name,
        Kind = name == JsbChoralesLoader.DatasetName ? DatasetKinds.JsbChorales : DatasetKinds.LabSnippets,
        State = DatasetStates.Available,
        Tags = name == JsbChoralesLoader.DatasetName ? """["chorale","bach"]""" : """["chorale","lab"]""",
        Description = Description(name),
        Pieces = pieces,
        ArchiveSha256 = archiveSha256,
    };

    /// <summary>What the dataset is, for people.</summary>
    public static string Description(string name) => name == JsbChoralesLoader.DatasetName
        ? "J. S. Bach's four-part chorales with the standard train/valid/test split (Boulanger-Lewandowski et al., 2012)."
        : "The AWS DeepComposer GAN lab's 229 two-bar, four-voice training snippets.";

    /// <summary>
    /// Reads the files of <paramref name="name"/> from <paramref name="folder"/> and checks each
    /// against its published SHA-256 (embedded in Cantus); the JSB file is also parsed. Returns
    /// the files to store and the number of pieces.
    /// </summary>
    /// <exception cref="CantusException">BadInput: a file is missing, too large or not the published one; the sentence says which and that nothing was stored.</exception>
    public static (IReadOnlyList<(string Name, byte[] Content)> Files, int Pieces) ReadVerified(string name, string folder)
    {
        if (name == JsbChoralesLoader.DatasetName)
        {
            var path = Path.Combine(folder, JsbChoralesLoader.FileName);
            var bytes = ReadFile(path, JsbLoadOptions.Default.MaxFileBytes);
            var actual = Sha256(bytes);
            if (actual != JsbChoralesDownloader.Sha256)
                throw CantusException.BadInput($"{path} is not the published JSB chorales file: its SHA-256 is {actual}, not {JsbChoralesDownloader.Sha256}; nothing was stored (download it again, or copy a good one).");
            Dataset dataset;
            try
            {
                dataset = JsbChoralesLoader.Parse(bytes, path);
            }
            catch (InvalidDataException ex)
            {
                throw CantusException.BadInput($"{path} cannot be read: {ex.Message}; nothing was stored.", ex);
            }
            return ([(JsbChoralesLoader.FileName, bytes)], dataset.PieceCount);
        }
        var files = new List<(string, byte[])>(LabSnippetsDownloader.Manifest.Count);
        foreach (var (file, sha) in LabSnippetsDownloader.Manifest)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
                throw CantusException.BadInput($"{folder} lacks {file}, one of the lab's {LabSnippetsDownloader.Manifest.Count} snippets; nothing was stored (download the dataset again, or copy the whole folder).");
            var bytes = ReadFile(path, LabSnippetsDownloader.MaxFileBytes);
            var actual = Sha256(bytes);
            if (actual != sha)
                throw CantusException.BadInput($"{path} is not the published lab snippet: its SHA-256 is {actual}, not {sha}; nothing was stored (download the dataset again, or copy a good one).");
            files.Add((file, bytes));
        }
        return (files, files.Count);
    }

    /// <summary>Checks the files unpacked from the store against the published SHA-256s.</summary>
    /// <exception cref="InvalidDataException">A file differs.</exception>
    public static void VerifyUnpacked(string name, string folder)
    {
        IReadOnlyList<(string File, string Sha256)> expected = name == JsbChoralesLoader.DatasetName
            ? [(JsbChoralesLoader.FileName, JsbChoralesDownloader.Sha256)]
            : LabSnippetsDownloader.Manifest;
        foreach (var (file, sha) in expected)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path) || Sha256(File.ReadAllBytes(path)) != sha)
                throw new InvalidDataException($"The stored archive of the built-in dataset {name} does not hold the published {file}; store it again (download it, or seed it from a good copy).");
        }
    }

    /// <summary>Opens the dataset from a folder of its verified files, as the data directory's catalog would.</summary>
    /// <exception cref="InvalidDataException">The lab's snippets lack a requested tag.</exception>
    public static Dataset Open(string name, string folder, IReadOnlyList<string>? tags)
    {
        if (name == JsbChoralesLoader.DatasetName) return JsbChoralesLoader.Load(Path.Combine(folder, JsbChoralesLoader.FileName));
        var missing = (tags ?? []).Where(t => !LabTags.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"The dataset '{name}' does not carry the tag(s) {string.Join(", ", missing)} (its tags: {string.Join(", ", LabTags)}).");
        var loaded = MidiFolderDataset.Load(folder, LabTags, SplitRule.ByNameHash(), MidiReadingSettings.Lenient);
        return new Dataset(name, LabTags, loaded.Pieces(DatasetSplit.Train), loaded.Pieces(DatasetSplit.Valid), loaded.Pieces(DatasetSplit.Test));
    }

    private static byte[] ReadFile(string path, long max)
    {
        var length = new FileInfo(path).Length;
        if (length > max)
            throw CantusException.BadInput(string.Create(CultureInfo.InvariantCulture, $"{path} is {length} bytes, more than the {max} its dataset's file may have; nothing was stored."));
        return File.ReadAllBytes(path);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
