namespace Cantus.Music.Audio.SoundFonts;

/// <summary>An instrument (inst record, SoundFont 2.04 section 7.6) and its playable zones.</summary>
internal sealed class Instrument(string name, InstrumentRegion[] regions)
{
    /// <summary>Name from the inst record.</summary>
    public string Name { get; } = name;

    /// <summary>Local zones; the global zone is merged into each.</summary>
    public InstrumentRegion[] Regions { get; } = regions;
}
