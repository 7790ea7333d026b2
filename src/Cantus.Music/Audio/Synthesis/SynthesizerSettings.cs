namespace Cantus.Music.Audio.Synthesis;

/// <summary>Settings of a <see cref="Synthesizer"/>.</summary>
public sealed record SynthesizerSettings
{
    private readonly int _sampleRate = 44100;
    private readonly int _maximumPolyphony = 64;
    private readonly float _masterGain = 1f;

    /// <summary>Output sample rate in Hz, 8,000..192,000. Default 44,100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int SampleRate
    {
        get => _sampleRate;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 8000);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 192000);
            _sampleRate = value;
        }
    }

    /// <summary>Most voices sounding at once, 1..1024; a further note steals a voice. Default 64.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int MaximumPolyphony
    {
        get => _maximumPolyphony;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1024);
            _maximumPolyphony = value;
        }
    }

    /// <summary>Whether the reverb and chorus send effects run. Default true.</summary>
    public bool EnableEffects { get; init; } = true;

    /// <summary>
    /// Gain applied to the mixed output. Default 1: a four-part chorale on a General MIDI bank peaks
    /// around −8 to −14 dBFS; dense pieces may exceed full scale, which WAV rendering can
    /// normalise (<c>AudioRenderOptions.Normalize</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, above 16 or not a number.</exception>
    public float MasterGain
    {
        get => _masterGain;
        init
        {
            if (!(value >= 0 && value <= 16)) throw new ArgumentOutOfRangeException(nameof(value), value, "Master gain must be in [0, 16].");
            _masterGain = value;
        }
    }
}
