using System.Globalization;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Service.Errors;

namespace Cantus.Service.Audio;

/// <summary>
/// Which SoundFont the server renders WAVs with, by the same search as <see cref="AudioRendering"/>
/// (<see cref="SoundFontLocator"/>): the configured <see cref="AudioSettings.SoundFontPath"/>, else
/// <c>$CANTUS_SOUNDFONT</c>, else the system's General MIDI banks, else the built-in bank. The web
/// console plays compositions in the browser with the same file, so that they sound as the WAVs do.
/// </summary>
public sealed class SoundFontSource
{
    /// <summary><see cref="SoundFontInfo.Source"/> of a file the server's configuration names.</summary>
    public const string FromConfiguration = "configured";

    /// <summary><see cref="SoundFontInfo.Source"/> of a file <c>$CANTUS_SOUNDFONT</c> names.</summary>
    public const string FromEnvironment = "environment";

    /// <summary><see cref="SoundFontInfo.Source"/> of a bank installed in the system's SoundFont folder.</summary>
    public const string FromSystem = "system";

    /// <summary><see cref="SoundFontInfo.Source"/> when no file is found and the built-in bank is used.</summary>
    public const string BuiltIn = "built-in";

    private readonly AudioSettings _audio;
    private readonly Func<string?> _environment;
    private readonly string _systemDirectory;

    /// <summary>The search of <paramref name="audio"/> on this machine (the environment read at each call, as rendering does).</summary>
    public SoundFontSource(AudioSettings audio)
        : this(audio, () => Environment.GetEnvironmentVariable(SoundFontLocator.EnvironmentVariable), SoundFontLocator.SystemDirectory)
    {
    }

    /// <summary>The search with its inputs given: <paramref name="environment"/> gives <c>$CANTUS_SOUNDFONT</c>'s value, <paramref name="systemDirectory"/> is the system's folder (tests, hosts with their own layout).</summary>
    public SoundFontSource(AudioSettings audio, Func<string?> environment, string systemDirectory)
    {
        _audio = audio ?? throw new ArgumentNullException(nameof(audio));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _systemDirectory = systemDirectory ?? throw new ArgumentNullException(nameof(systemDirectory));
    }

    /// <summary>Which SoundFont is used, and how large its file is.</summary>
    /// <exception cref="CantusException">NotFound: the configured file or <c>$CANTUS_SOUNDFONT</c>'s does not exist (rendering fails alike).</exception>
    public SoundFontInfo Info()
    {
        var (path, source) = Find();
        if (path is null) return new SoundFontInfo(SoundFont.CreateFallback().Name, null, BuiltIn);
        return new SoundFontInfo(Path.GetFileName(path), new FileInfo(path).Length, source);
    }

    /// <summary>The SoundFont file, to be served as it is.</summary>
    /// <exception cref="CantusException">NotFound: there is no file (the built-in bank is in use; the sentence says how to install one), or the configured one does not exist.</exception>
    public SoundFontFile File()
    {
        var (path, _) = Find();
        if (path is null)
            throw CantusException.NotFound(
                "The server has no SoundFont file: it renders with its built-in piano-like tone, and the browser will use a basic sound too. " +
                "For real General MIDI instruments, install one on the server (Debian: sudo apt-get install timgm6mb-soundfont) " +
                $"or set {SoundFontLocator.EnvironmentVariable} to a .sf2 file, then restart the server.");
        var file = new FileInfo(path);
        var modified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        var tag = string.Create(CultureInfo.InvariantCulture, $"\"{file.Length:x}-{modified.UtcTicks:x}\"");
        return new SoundFontFile(file.FullName, file.Name, file.Length, modified, tag);
    }

    private (string? Path, string Source) Find()
    {
        var configured = _audio.SoundFontPath;
        var environment = _environment();
        string? path;
        try
        {
            path = SoundFontLocator.FindPath(configured, environment, _systemDirectory);
        }
        catch (FileNotFoundException ex)
        {
            // The path stays out of the sentence: this is answered to anyone (shared pages play without login).
            var by = string.IsNullOrWhiteSpace(configured) ? SoundFontLocator.EnvironmentVariable : "the server's configuration";
            throw CantusException.NotFound($"The SoundFont file that {by} names does not exist, so the server cannot render audio either; the operator must fix it and restart the server.", ex);
        }
        var source = !string.IsNullOrWhiteSpace(configured) ? FromConfiguration
            : !string.IsNullOrWhiteSpace(environment) ? FromEnvironment
            : path is null ? BuiltIn
            : FromSystem;
        return (path, source);
    }
}
