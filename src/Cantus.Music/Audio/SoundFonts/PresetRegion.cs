namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// A local zone of a preset (SoundFont 2.04 section 7.3/7.5) with the preset's global zone merged
/// in. Its generator values are offsets added to the instrument's absolute values (section 9.4).
/// </summary>
internal sealed class PresetRegion(GeneratorSet generators, Instrument instrument)
{
    /// <summary>Relative generator values (0 unless set), key and velocity ranges.</summary>
    public GeneratorSet Generators { get; } = generators;

    /// <summary>The instrument this zone plays.</summary>
    public Instrument Instrument { get; } = instrument;

    /// <summary>True when the zone's key and velocity ranges contain the note.</summary>
    public bool Contains(int key, int velocity) =>
        key >= Generators.Low(GeneratorType.KeyRange) && key <= Generators.High(GeneratorType.KeyRange)
        && velocity >= Generators.Low(GeneratorType.VelRange) && velocity <= Generators.High(GeneratorType.VelRange);
}
