namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// The modulation envelope of SoundFont 2.04 section 9.1.7: like the volume envelope but linear
/// from 0 to 1 (attack), 1 (hold), falling linearly at 100 % per decay time to the sustain level
/// (1 − sustainModEnv/1000), and after note-off falling at 100 % per release time. Its value
/// scales modEnvToPitch and modEnvToFilterFc (cents).
/// </summary>
internal sealed class ModulationEnvelope
{
    private double _delay, _attack, _hold, _decay, _sustain, _release;
    private double _time, _releaseTime, _releaseValue;
    private bool _released;

    /// <summary>Envelope value 0..1 at the current time.</summary>
    public double Value { get; private set; }

    /// <summary>Starts the envelope; times in seconds, <paramref name="sustainLevel"/> 0..1.</summary>
    public void Start(double delay, double attack, double hold, double decay, double sustainLevel, double release)
    {
        (_delay, _attack, _hold, _decay, _release) = (delay, attack, hold, Math.Max(decay, 1e-4), Math.Max(release, 1e-4));
        _sustain = Math.Clamp(sustainLevel, 0, 1);
        _time = 0;
        _released = false;
        Value = Evaluate();
    }

    /// <summary>Enters the release stage from the current value.</summary>
    public void Release()
    {
        if (_released) return;
        _released = true;
        _releaseTime = _time;
        _releaseValue = Value;
    }

    /// <summary>Moves time forward and updates <see cref="Value"/>.</summary>
    public void Advance(double seconds)
    {
        _time += seconds;
        Value = Evaluate();
    }

    private double Evaluate()
    {
        if (_released) return Math.Max(0, _releaseValue - (_time - _releaseTime) / _release);
        var t = _time - _delay;
        if (t < 0) return 0;
        if (t < _attack) return t / _attack;
        t -= _attack;
        if (t < _hold) return 1;
        t -= _hold;
        return Math.Max(_sustain, 1 - t / _decay);
    }
}
