namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// The generator values of one zone: 61 signed 16-bit amounts indexed by <see cref="GeneratorType"/>
/// and a mask of which ones the file set. Range generators (keyRange, velRange) keep the low
/// byte as the lower bound and the high byte as the upper bound, as stored in the file.
/// </summary>
internal sealed class GeneratorSet
{
    private readonly short[] _values = new short[(int)GeneratorType.Count];
    private ulong _set;

    /// <summary>The amount of <paramref name="type"/>; the default if the zone did not set it.</summary>
    public short this[GeneratorType type] => _values[(int)type];

    /// <summary>True when the file set <paramref name="type"/> in this zone.</summary>
    public bool IsSet(GeneratorType type) => (_set & (1UL << (int)type)) != 0;

    /// <summary>Sets an amount and marks it as set.</summary>
    public void Set(int type, short amount)
    {
        _values[type] = amount;
        _set |= 1UL << type;
    }

    /// <summary>Lower bound of a range generator.</summary>
    public int Low(GeneratorType type) => (byte)_values[(int)type];

    /// <summary>Upper bound of a range generator.</summary>
    public int High(GeneratorType type) => (byte)((ushort)_values[(int)type] >> 8);

    /// <summary>
    /// The instrument-level defaults of SoundFont 2.04 section 8.1.3 (timecents -12000 for
    /// envelope and LFO delays and times, 13500 cents filter cutoff, full key and velocity
    /// ranges, scale tuning 100, keynum/velocity/root-key overrides off).
    /// </summary>
    public static GeneratorSet InstrumentDefaults()
    {
        var g = new GeneratorSet();
        g._values[(int)GeneratorType.InitialFilterFc] = 13500;
        foreach (var t in (ReadOnlySpan<GeneratorType>)[
            GeneratorType.DelayModLfo, GeneratorType.DelayVibLfo,
            GeneratorType.DelayModEnv, GeneratorType.AttackModEnv, GeneratorType.HoldModEnv, GeneratorType.DecayModEnv, GeneratorType.ReleaseModEnv,
            GeneratorType.DelayVolEnv, GeneratorType.AttackVolEnv, GeneratorType.HoldVolEnv, GeneratorType.DecayVolEnv, GeneratorType.ReleaseVolEnv])
        {
            g._values[(int)t] = -12000;
        }

        g._values[(int)GeneratorType.KeyRange] = 127 << 8;
        g._values[(int)GeneratorType.VelRange] = 127 << 8;
        g._values[(int)GeneratorType.Keynum] = -1;
        g._values[(int)GeneratorType.Velocity] = -1;
        g._values[(int)GeneratorType.ScaleTuning] = 100;
        g._values[(int)GeneratorType.OverridingRootKey] = -1;
        return g;
    }

    /// <summary>Preset-level defaults: every generator adds 0; key and velocity ranges are full.</summary>
    public static GeneratorSet PresetDefaults()
    {
        var g = new GeneratorSet();
        g._values[(int)GeneratorType.KeyRange] = 127 << 8;
        g._values[(int)GeneratorType.VelRange] = 127 << 8;
        return g;
    }

    /// <summary>A copy of <paramref name="baseSet"/> (the defaults or the global zone) with this zone's values applied over it.</summary>
    public GeneratorSet Over(GeneratorSet baseSet)
    {
        var g = new GeneratorSet();
        baseSet._values.CopyTo(g._values, 0);
        g._set = baseSet._set | _set;
        for (var i = 0; i < _values.Length; i++)
        {
            if ((_set & (1UL << i)) != 0) g._values[i] = _values[i];
        }

        return g;
    }
}
