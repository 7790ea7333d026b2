namespace Cantus.Music.Datasets;

/// <summary>
/// Where Cantus keeps downloaded data: <c>$CANTUS_DATA</c> if set, else
/// <c>$XDG_DATA_HOME/cantus</c> if set (XDG Base Directory spec), else
/// <c>~/.local/share/cantus</c> (on Windows, <c>%LOCALAPPDATA%\cantus</c>).
/// Datasets go to its <c>datasets</c> subfolder, one folder per dataset.
/// </summary>
public static class DataDirectory
{
    /// <summary>Environment variable that overrides the data directory.</summary>
    public const string EnvironmentVariable = "CANTUS_DATA";

    /// <summary>The data directory for the current process's environment (not created).</summary>
    public static string Default => Resolve(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), OperatingSystem.IsWindows());

    /// <summary>Folder of one dataset under <paramref name="root"/> (default <see cref="Default"/>), e.g. <c>…/datasets/jsb-chorales</c>.</summary>
    /// <exception cref="ArgumentException">The name is empty or contains a path separator.</exception>
    public static string DatasetDirectory(string datasetName, string? root = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetName);
        if (datasetName.IndexOfAny(['/', '\\']) >= 0 || datasetName is "." or "..")
            throw new ArgumentException($"Dataset name '{datasetName}' must be a single folder name.", nameof(datasetName));
        return Path.Combine(root ?? Default, "datasets", datasetName);
    }

    /// <summary>The rule above with the environment and home folder injected (for tests).</summary>
    internal static string Resolve(Func<string, string?> getEnvironment, string home, bool isWindows)
    {
        var explicitDir = getEnvironment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitDir)) return Path.GetFullPath(explicitDir);
        if (isWindows)
        {
            var local = getEnvironment("LOCALAPPDATA");
            if (!string.IsNullOrWhiteSpace(local)) return Path.Combine(local, "cantus");
        }
        // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
        var xdg = getEnvironment("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "cantus");
        return Path.Combine(home, ".local", "share", "cantus");
    }
}
