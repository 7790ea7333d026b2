namespace Cantus.Gan.Tests.TestSupport;

/// <summary>Repository paths and scratch folders for tests.</summary>
internal static class Paths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The data directory whose datasets/ holds jsb-chorales (../shared from the repo root).</summary>
    public static string DataRoot
    {
        get
        {
            var root = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            var file = Path.Combine(root, "datasets", "jsb-chorales", "Jsb16thSeparated.json");
            Assert.True(File.Exists(file), $"The JSB chorales are missing: expected {file}.");
            return root;
        }
    }

    public static string ReferenceData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "ReferenceData", .. parts]);

    /// <summary>A new empty folder under the temp directory, deleted by the caller's <c>using</c>.</summary>
    public static TempFolder NewTemp() => new();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cantus.slnx not found above " + AppContext.BaseDirectory);
    }

    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cantus-gan-tests-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string this[string name] => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
