using Cantus.Music.Audio.Synthesis;

namespace Cantus.Music.Audio.Rendering;

/// <summary>Options and limits of <see cref="SequenceRenderer"/>.</summary>
public sealed record AudioRenderOptions
{
    private readonly SynthesizerSettings _synthesizer = new();
    private readonly TimeSpan _maxDuration = TimeSpan.FromMinutes(10);
    private readonly TimeSpan _releaseTail = TimeSpan.FromSeconds(2);
    private readonly double _normalizePeak = 0.891;

    /// <summary>The synthesizer's settings (sample rate, polyphony, effects, gain); validated there.</summary>
    public SynthesizerSettings Synthesizer
    {
        get => _synthesizer;
        init => _synthesizer = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Output sample rate in Hz, 8,000..192,000 (<see cref="SynthesizerSettings.SampleRate"/>). Default 44,100.</summary>
    public int SampleRate
    {
        get => _synthesizer.SampleRate;
        init => _synthesizer = _synthesizer with { SampleRate = value };
    }

    /// <summary>Polyphony cap, 1..1024 (<see cref="SynthesizerSettings.MaximumPolyphony"/>). Default 64.</summary>
    public int MaxVoices
    {
        get => _synthesizer.MaximumPolyphony;
        init => _synthesizer = _synthesizer with { MaximumPolyphony = value };
    }

    /// <summary>Longest output (piece plus tail) accepted; longer raises <see cref="RenderLimitException"/>. Default 10 minutes.</summary>
    public TimeSpan MaxDuration
    {
        get => _maxDuration;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _maxDuration = value;
        }
    }

    /// <summary>Silence rendered after the end of the piece so released notes and reverb can fade, 0..60 s. Default 2 s.</summary>
    public TimeSpan ReleaseTail
    {
        get => _releaseTail;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromSeconds(60));
            _releaseTail = value;
        }
    }

    /// <summary>WAV sample encoding. Default 16-bit PCM.</summary>
    public WavSampleFormat Format { get; init; } = WavSampleFormat.Pcm16;

    /// <summary>
    /// Scale the output so its absolute peak equals <see cref="NormalizePeak"/>. The piece is then
    /// rendered twice (the synthesizer is deterministic), keeping memory bounded. Default false.
    /// </summary>
    public bool Normalize { get; init; }

    /// <summary>Target peak of normalisation, in (0, 1]. Default 0.891 (−1 dBFS).</summary>
    public double NormalizePeak
    {
        get => _normalizePeak;
        init
        {
            if (!(value > 0 && value <= 1)) throw new ArgumentOutOfRangeException(nameof(value), value, "The peak must be in (0, 1].");
            _normalizePeak = value;
        }
    }

    /// <summary>Whether reverb and chorus run (<see cref="SynthesizerSettings.EnableEffects"/>). Default true.</summary>
    public bool EnableEffects
    {
        get => _synthesizer.EnableEffects;
        init => _synthesizer = _synthesizer with { EnableEffects = value };
    }
}
