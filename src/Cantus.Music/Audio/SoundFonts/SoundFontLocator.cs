namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// Finds the SoundFont to render with: an explicit path (<c>--soundfont</c>), else the
/// <c>CANTUS_SOUNDFONT</c> environment variable, else a General MIDI bank Debian installs in
/// <c>/usr/share/sounds/sf2</c> (TimGM6mb.sf2 from timgm6mb-soundfont first, being small and
/// quick to load, then FluidR3_GM.sf2 from fluid-soundfont-gm, then default-GM.sf2, then any
/// other .sf2 by name), else none, in which case <see cref="LoadOrFallback"/> uses the built-in
/// fallback bank so that audio always works.
/// </summary>
public static class SoundFontLocator
{
    /// <summary>The environment variable naming a SoundFont file.</summary>
    public const string EnvironmentVariable = "CANTUS_SOUNDFONT";

    /// <summary>Where Debian's SoundFont packages install their banks.</summary>
    public const string SystemDirectory = "/usr/share/sounds/sf2";

    private static readonly string[] Preferred = ["TimGM6mb.sf2", "FluidR3_GM.sf2", "default-GM.sf2"];

    /// <summary>The SoundFont path to use, or null when none is configured or installed.</summary>
    /// <exception cref="FileNotFoundException">The explicit path or the environment variable names a file that does not exist.</exception>
    public static string? FindPath(string? explicitPath = null) =>
        FindPath(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable), SystemDirectory);

    /// <summary>Loads the SoundFont <see cref="FindPath(string?)"/> chooses, or returns <see cref="SoundFont.CreateFallback"/> when there is none.</summary>
    /// <exception cref="FileNotFoundException">An explicitly configured file does not exist.</exception>
    /// <exception cref="SoundFontFormatException">The chosen file is not a valid SoundFont.</exception>
    public static SoundFont LoadOrFallback(string? explicitPath = null, SoundFontReadOptions? options = null)
    {
        var path = FindPath(explicitPath);
        return path is null ? SoundFont.CreateFallback() : SoundFont.Load(path, options);
    }

    /// <summary>The search with its inputs given (the environment variable's value, the system folder), for tests and hosts with their own settings.</summary>
    /// <exception cref="FileNotFoundException">The explicit path or the environment value names a file that does not exist.</exception>
    public static string? FindPath(string? explicitPath, string? environmentValue, string systemDirectory)
    {
        ArgumentNullException.ThrowIfNull(systemDirectory);
        // A path the user configured must exist: silently falling back would hide a typo.
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Existing(explicitPath, "the SoundFont setting");
        if (!string.IsNullOrWhiteSpace(environmentValue)) return Existing(environmentValue, EnvironmentVariable);
        if (!Directory.Exists(systemDirectory)) return null;
        foreach (var name in Preferred)
        {
            var candidate = Path.Combine(systemDirectory, name);
            if (File.Exists(candidate)) return candidate;
        }

        return Directory.EnumerateFiles(systemDirectory, "*.sf2").Order(StringComparer.Ordinal).FirstOrDefault(File.Exists);
    }

    private static string Existing(string path, string source) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"The SoundFont given by {source} does not exist: {path}", path);
}
