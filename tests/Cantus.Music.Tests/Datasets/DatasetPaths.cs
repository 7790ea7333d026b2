namespace Cantus.Music.Tests.Datasets;

/// <summary>Locates the shared datasets: the folder containing Cantus.slnx, then ../shared/datasets.</summary>
internal static class DatasetPaths
{
    public static string SharedDatasets
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException($"No Cantus.slnx above {AppContext.BaseDirectory}.");
            var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
            if (!Directory.Exists(shared)) throw new InvalidOperationException($"Shared datasets missing: expected {shared}.");
            return shared;
        }
    }

    public static string JsbJson
    {
        get
        {
            var path = Path.Combine(SharedDatasets, "jsb-chorales", "Jsb16thSeparated.json");
            if (!File.Exists(path)) throw new InvalidOperationException($"JSB Chorales missing: expected {path}.");
            return path;
        }
    }
}
