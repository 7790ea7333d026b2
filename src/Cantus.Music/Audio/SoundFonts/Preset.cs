namespace Cantus.Music.Audio.SoundFonts;

/// <summary>A preset (phdr record, SoundFont 2.04 section 7.2): what a MIDI bank and program select.</summary>
internal sealed class Preset(string name, int bank, int program, PresetRegion[] regions)
{
    /// <summary>Name from the phdr record.</summary>
    public string Name { get; } = name;

    /// <summary>MIDI bank (128 is the General MIDI percussion bank).</summary>
    public int Bank { get; } = bank;

    /// <summary>MIDI program 0..127.</summary>
    public int Program { get; } = program;

    /// <summary>Local zones; the global zone is merged into each.</summary>
    public PresetRegion[] Regions { get; } = regions;
}
