namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// A local zone of an instrument (SoundFont 2.04 section 7.7/7.9) with the instrument's global
/// zone and the specification defaults already merged in: absolute generator values and the
/// sample they play.
/// </summary>
internal sealed class InstrumentRegion(GeneratorSet generators, SampleHeader sample)
{
    /// <summary>Absolute generator values (defaults, then global zone, then this zone).</summary>
    public GeneratorSet Generators { get; } = generators;

    /// <summary>The sample this zone plays.</summary>
    public SampleHeader Sample { get; } = sample;

    /// <summary>True when the zone's key and velocity ranges contain the note.</summary>
    public bool Contains(int key, int velocity) =>
        key >= Generators.Low(GeneratorType.KeyRange) && key <= Generators.High(GeneratorType.KeyRange)
        && velocity >= Generators.Low(GeneratorType.VelRange) && velocity <= Generators.High(GeneratorType.VelRange);
}
