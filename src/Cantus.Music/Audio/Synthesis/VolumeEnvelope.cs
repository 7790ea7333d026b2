namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// The volume envelope of SoundFont 2.04 section 9.1.7 (DAHDSR): silent during delay, linear
/// amplitude rise during attack, full during hold, then a constant dB/s fall during decay (100 dB
/// per decay time, "conventionally 1000 cB indicates full attenuation") to the sustain level, and
/// after note-off the same dB slope per release time. Evaluated in closed form at any time, so
/// block-rate updates do not accumulate error.
/// </summary>
internal sealed class VolumeEnvelope
{
    /// <summary>Level treated as silence: -100 dB.</summary>
    public const double SilenceDb = -100;

    private double _delay, _attack, _hold, _decay, _sustainDb, _release;
    private double _time, _releaseTime, _releaseDb;
    private bool _released;

    /// <summary>Amplitude (0..1) at the current time.</summary>
    public double Level { get; private set; }

    public EnvelopeStage Stage { get; private set; }

    /// <summary>Starts the envelope; times in seconds, <paramref name="sustainDb"/> as attenuation in dB (≥ 0).</summary>
    public void Start(double delay, double attack, double hold, double decay, double sustainDb, double release)
    {
        (_delay, _attack, _hold, _decay, _release) = (delay, attack, hold, Math.Max(decay, 1e-4), Math.Max(release, 1e-4));
        _sustainDb = Math.Clamp(sustainDb, 0, -SilenceDb);
        _time = 0;
        _released = false;
        Evaluate();
    }

    /// <summary>Enters the release stage from the current level.</summary>
    public void Release()
    {
        if (_released) return;
        _released = true;
        _releaseTime = _time;
        _releaseDb = Level > 0 ? 20 * Math.Log10(Level) : SilenceDb;
    }

    /// <summary>Releases with a new release time (used to cut voices quickly: exclusive class, stealing).</summary>
    public void Release(double releaseSeconds)
    {
        _release = Math.Max(releaseSeconds, 1e-4);
        Release();
    }

    /// <summary>Moves time forward and updates <see cref="Level"/> and <see cref="Stage"/>.</summary>
    public void Advance(double seconds)
    {
        _time += seconds;
        Evaluate();
    }

    private void Evaluate()
    {
        if (_released)
        {
            var db = _releaseDb + SilenceDb * (_time - _releaseTime) / _release;
            Set(db <= SilenceDb ? EnvelopeStage.Finished : EnvelopeStage.Release, db <= SilenceDb ? 0 : DbToAmplitude(db));
            return;
        }

        var t = _time - _delay;
        if (t < 0) { Set(EnvelopeStage.Delay, 0); return; }
        if (t < _attack) { Set(EnvelopeStage.Attack, t / _attack); return; }
        t -= _attack;
        if (t < _hold) { Set(EnvelopeStage.Hold, 1); return; }
        t -= _hold;
        var decayDb = SilenceDb * t / _decay;
        if (decayDb > -_sustainDb) { Set(EnvelopeStage.Decay, DbToAmplitude(decayDb)); return; }
        if (_sustainDb >= -SilenceDb) { Set(EnvelopeStage.Finished, 0); return; }
        Set(EnvelopeStage.Sustain, DbToAmplitude(-_sustainDb));
    }

    /// <summary>10^(dB/20), as exp(dB · ln10/20): exp is cheaper than pow, and this runs per voice per block.</summary>
    internal static double DbToAmplitude(double db) => Math.Exp(db * (Math.Log(10) / 20));

    private void Set(EnvelopeStage stage, double level)
    {
        Stage = stage;
        Level = level;
    }
}
