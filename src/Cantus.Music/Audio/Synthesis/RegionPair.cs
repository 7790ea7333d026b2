using Cantus.Music.Audio.SoundFonts;

namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// A preset zone and an instrument zone that both match a note. The effective value of a
/// generator is the instrument's absolute value plus the preset's offset (SoundFont 2.04
/// section 9.4), except for the generators that section 8.5 allows only at instrument level
/// (sample offsets, keynum, velocity, sampleModes, exclusiveClass, overridingRootKey).
/// Values are clamped to the ranges of section 8.1.3 so that hostile files cannot produce
/// absurd times or frequencies.
/// </summary>
internal readonly struct RegionPair(PresetRegion preset, InstrumentRegion instrument)
{
    public InstrumentRegion Instrument { get; } = instrument;

    /// <summary>The effective integer value of a generator.</summary>
    public int this[GeneratorType type] => Instrument.Generators[type] + (IsInstrumentOnly(type) ? 0 : preset.Generators[type]);

    /// <summary>The effective value clamped to [min, max].</summary>
    public int Clamped(GeneratorType type, int min, int max) => Math.Clamp(this[type], min, max);

    /// <summary>A time generator in seconds: 2^(timecents/1200), clamped to [-12000, max] timecents.</summary>
    public double Seconds(GeneratorType type, int maxTimecents) => TimecentsToSeconds(Clamped(type, -12000, maxTimecents));

    /// <summary>An envelope hold or decay time scaled by key: timecents + keynumTo·(60 − key) (section 8.1.2, generators 31/32/39/40).</summary>
    public double KeyScaledSeconds(GeneratorType time, GeneratorType keyScale, int key) =>
        TimecentsToSeconds(Math.Clamp(this[time] + Clamped(keyScale, -1200, 1200) * (60 - key), -12000, 8000));

    /// <summary>An LFO frequency in Hz from absolute cents: 8.176 · 2^(cents/1200), cents in [-16000, 4500].</summary>
    public double Hertz(GeneratorType type) => AbsoluteCentsToHertz(Clamped(type, -16000, 4500));

    public static double TimecentsToSeconds(double timecents) => Math.Pow(2, timecents / 1200);

    public static double AbsoluteCentsToHertz(double cents) => 8.176 * Math.Exp(cents * (Math.Log(2) / 1200));

    private static bool IsInstrumentOnly(GeneratorType type) => type switch
    {
        GeneratorType.StartAddrsOffset or GeneratorType.EndAddrsOffset or GeneratorType.StartLoopAddrsOffset
            or GeneratorType.EndLoopAddrsOffset or GeneratorType.StartAddrsCoarseOffset or GeneratorType.EndAddrsCoarseOffset
            or GeneratorType.StartLoopAddrsCoarseOffset or GeneratorType.EndLoopAddrsCoarseOffset
            or GeneratorType.Keynum or GeneratorType.Velocity or GeneratorType.SampleModes
            or GeneratorType.ExclusiveClass or GeneratorType.OverridingRootKey
            or GeneratorType.KeyRange or GeneratorType.VelRange or GeneratorType.SampleId or GeneratorType.Instrument => true,
        _ => false,
    };
}
