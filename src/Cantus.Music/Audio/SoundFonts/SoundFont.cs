namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// A SoundFont 2.04 bank held in memory: 16-bit sample data and presets that map a MIDI bank and
/// program to instrument zones and samples. Load one from a .sf2 file with <see cref="Load(string, SoundFontReadOptions?)"/>
/// or use <see cref="CreateFallback"/>, a small synthesised piano-like bank that needs no file.
/// Instances are immutable and may be shared by many synthesizers and threads.
/// Supported: every generator of SoundFont 2.04 section 8.1 and the default modulators of section 8.4
/// (applied in closed form by the voice). Not supported: the file's own modulators (pmod/imod are
/// checked but not applied) and the 24-bit sm24 extension (16-bit data is played).
/// </summary>
public sealed class SoundFont
{
    private readonly Dictionary<int, Preset> _presets = [];

    internal SoundFont(string name, string version, short[] sampleData, Preset[] presets, bool isFallback)
    {
        Name = name;
        Version = version;
        SampleData = sampleData;
        IsFallback = isFallback;

        // Section 7.2: the first preset with a given bank and program wins.
        foreach (var p in presets) _presets.TryAdd(Key(p.Bank, p.Program), p);
        Presets = [.. presets.Select(p => new SoundFontPresetInfo(p.Bank, p.Program, p.Name))];
    }

    /// <summary>The bank name from INFO 'INAM' (may be empty).</summary>
    public string Name { get; }

    /// <summary>The format version from INFO 'ifil', e.g. "2.01".</summary>
    public string Version { get; }

    /// <summary>True for the built-in synthesised bank of <see cref="CreateFallback"/>.</summary>
    public bool IsFallback { get; }

    /// <summary>The presets in file order.</summary>
    public IReadOnlyList<SoundFontPresetInfo> Presets { get; }

    /// <summary>Sample points of smpl followed by <see cref="SoundFontReader.GuardPoints"/> zeros.</summary>
    internal short[] SampleData { get; }

    /// <summary>Reads a .sf2 file.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SoundFontFormatException">The file is larger than the limit or not a valid SoundFont 2 file.</exception>
    public static SoundFont Load(string path, SoundFontReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= SoundFontReadOptions.Default;
        var length = new FileInfo(path).Length;
        if (length > options.MaxFileBytes)
        {
            throw new SoundFontFormatException($"SoundFont '{path}' is {length} bytes, more than the limit of {options.MaxFileBytes} bytes.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(stream, options);
    }

    /// <summary>Reads a SoundFont from a stream positioned at its 'RIFF' header.</summary>
    /// <exception cref="SoundFontFormatException">The data is not a valid SoundFont 2 file or exceeds a limit.</exception>
    public static SoundFont Load(Stream stream, SoundFontReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return SoundFontReader.Read(stream, options ?? SoundFontReadOptions.Default);
    }

    /// <summary>
    /// The built-in bank used when no SoundFont file is available: one piano-like preset (additive
    /// partials with per-partial decay) answering every melodic program, and a noise-burst drum kit on
    /// bank 128. Built once per process and shared.
    /// </summary>
    public static SoundFont CreateFallback() => FallbackSoundFont.Instance;

    /// <summary>
    /// The preset for a bank and program with General MIDI fallbacks: the same program in bank 0 for an
    /// unknown melodic bank, program 0 of the bank (then of bank 0 or 128), and finally the first preset.
    /// </summary>
    internal Preset? FindPreset(int bank, int program)
    {
        if (_presets.TryGetValue(Key(bank, program), out var p)) return p;
        if (bank == 128) return _presets.GetValueOrDefault(Key(128, 0));
        if (_presets.TryGetValue(Key(0, program), out p)) return p;
        if (_presets.TryGetValue(Key(bank, 0), out p)) return p;
        if (_presets.TryGetValue(Key(0, 0), out p)) return p;
        return _presets.Values.Where(x => x.Bank != 128).MinBy(x => Key(x.Bank, x.Program));
    }

    private static int Key(int bank, int program) => (bank << 8) | program;
}
