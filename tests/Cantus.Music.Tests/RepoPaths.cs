namespace Cantus.Music.Tests;

/// <summary>Locates the repository root (the folder holding Cantus.slnx) and ../shared/datasets beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Datasets => Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets"));

    public static string LabSnippets => Path.Combine(Datasets, "deepcomposer-jsb-2bar");

    public static string JsbJson => Path.Combine(Datasets, "jsb-chorales", "Jsb16thSeparated.json");

    public static IEnumerable<string> AllDatasetMidiFiles() =>
        Directory.EnumerateFiles(Datasets, "*.mid", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cantus.slnx not found above " + AppContext.BaseDirectory);
    }
}
