namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// A low-frequency oscillator of SoundFont 2.04 section 9.1.8: a triangle wave between -1 and 1
/// that starts at 0 rising, after a delay, at a frequency given in absolute cents
/// (8.176 Hz · 2^(cents/1200)).
/// </summary>
internal sealed class Lfo
{
    private double _delay, _frequency, _time;

    /// <summary>Current value, -1..1.</summary>
    public double Value { get; private set; }

    public void Start(double delaySeconds, double frequencyHz)
    {
        _delay = delaySeconds;
        _frequency = frequencyHz;
        _time = 0;
        Value = 0;
    }

    /// <summary>Moves time forward and updates <see cref="Value"/>.</summary>
    public void Advance(double seconds)
    {
        _time += seconds;
        var t = _time - _delay;
        if (t <= 0)
        {
            Value = 0;
            return;
        }

        var x = t * _frequency;
        x -= Math.Floor(x);
        Value = x < 0.25 ? 4 * x : x < 0.75 ? 2 - 4 * x : 4 * x - 4;
    }
}
