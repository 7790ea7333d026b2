using Cantus.Music.Audio.SoundFonts;
using G = Cantus.Music.Audio.SoundFonts.GeneratorType;

namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// One sounding sample: oscillator → low-pass filter → volume envelope and attenuation → pan and
/// effect sends (the signal path of SoundFont 2.04 section 9.1). Envelopes, LFOs, pitch and filter
/// are updated once per 64-sample block; the gain is ramped linearly across the block so that block
/// updates do not click. The default modulators of section 8.4 are applied in closed form:
/// velocity and CC7/CC11 to attenuation (concave, 40·log10(127/x) dB), velocity to cutoff
/// (−2400 cents · (1 − v/128) for v ≥ 64), CC1 to vibrato depth (50 cents), CC10 to pan, CC91/CC93 to sends,
/// pitch wheel by the RPN 0 range.
/// </summary>
internal sealed class Voice(int sampleRate)
{
    private readonly float[] _buffer = new float[Synthesizer.BlockSize];
    private readonly SampleOscillator _oscillator = new();
    private readonly LowPassFilter _filter = new(sampleRate);
    private readonly VolumeEnvelope _volumeEnvelope = new();
    private readonly ModulationEnvelope _modulationEnvelope = new();
    private readonly Lfo _modulationLfo = new(), _vibratoLfo = new();
    private readonly double _blockSeconds = (double)Synthesizer.BlockSize / sampleRate;

    private Channel _channel = null!;
    private double _pitchCents, _sampleStep, _cutoffCents, _resonanceDb;
    private double _modEnvToPitch, _modEnvToCutoff, _modLfoToPitch, _modLfoToCutoff, _modLfoToVolume, _vibLfoToPitch;
    private double _pan, _reverb, _chorus, _gain, _noteGain, _cents = double.NaN, _step;
    private int _channelPan = -1;
    private float _panLeft, _panRight;

    /// <summary>Scale of initialAttenuation in cB (FluidSynth's EMU_ATTENUATION_FACTOR).</summary>
    internal const double EmuAttenuationFactor = 0.4;

    /// <summary>Amplitude of the concave default modulators, (x/127)² = 10^(−40·log10(127/x)/20), by controller value.</summary>
    private static readonly double[] ConcaveGain = [.. Enumerable.Range(0, 128).Select(x => x * x / (127.0 * 127.0))];

    /// <summary>A released voice whose gain falls below −96 dB (one 16-bit step) is inaudible and ends, as in FluidSynth.</summary>
    private const double NoiseFloor = 1.5e-5;

    public Channel Channel => _channel;

    public int Key { get; private set; }

    public int ExclusiveClass { get; private set; }

    /// <summary>Order of note-on; the oldest voice is stolen first among equals.</summary>
    public long Serial { get; private set; }

    public bool IsReleased { get; private set; }

    /// <summary>Key released while the sustain pedal was down: release when the pedal lifts.</summary>
    public bool IsHeldByPedal { get; set; }

    /// <summary>Current volume-envelope amplitude, used to choose a voice to steal.</summary>
    public double Level => _volumeEnvelope.Level;

    public void Start(RegionPair g, short[] data, Channel channel, int key, int velocity, long serial)
    {
        _channel = channel;
        Key = key;
        Serial = serial;
        IsReleased = IsHeldByPedal = false;
        var sample = g.Instrument.Sample;
        ExclusiveClass = g[G.ExclusiveClass];

        // Section 8.1.2 generators 0–4, 12, 45, 50: offsets, coarse ones in units of 32768 points.
        var length = data.Length - SoundFontReader.GuardPoints;
        var start = Math.Clamp(sample.Start + g[G.StartAddrsOffset] + 32768L * g[G.StartAddrsCoarseOffset], 0, length);
        var end = Math.Clamp(sample.End + g[G.EndAddrsOffset] + 32768L * g[G.EndAddrsCoarseOffset], start, length);
        var loopStart = Math.Clamp(sample.StartLoop + g[G.StartLoopAddrsOffset] + 32768L * g[G.StartLoopAddrsCoarseOffset], start, end);
        var loopEnd = Math.Clamp(sample.EndLoop + g[G.EndLoopAddrsOffset] + 32768L * g[G.EndLoopAddrsCoarseOffset], loopStart, end);
        var mode = (g[G.SampleModes] & 3) switch { 1 => LoopMode.Continuous, 3 => LoopMode.UntilRelease, _ => LoopMode.NoLoop };
        _oscillator.Start(data, (int)start, (int)end, (int)loopStart, (int)loopEnd, mode);

        var root = g[G.OverridingRootKey] is >= 0 and <= 127 ? g[G.OverridingRootKey] : sample.OriginalPitch <= 127 ? sample.OriginalPitch : 60;
        var pitchKey = g[G.Keynum] is >= 0 and <= 127 ? g[G.Keynum] : key;
        var velocityUsed = g[G.Velocity] is >= 1 and <= 127 ? g[G.Velocity] : velocity;
        _pitchCents = (pitchKey - root) * g.Clamped(G.ScaleTuning, 0, 1200) + g.Clamped(G.CoarseTune, -120, 120) * 100
            + g.Clamped(G.FineTune, -99, 99) + sample.PitchCorrection;
        _sampleStep = (double)sample.SampleRate / sampleRate;

        // initialAttenuation is scaled by 0.4, as EMU's hardware did and FluidSynth does (EMU_ATTENUATION_FACTOR):
        // SoundFonts in the wild (TimGM6mb, FluidR3) are voiced for it and sound far too quiet at full scale.
        var attenuationDb = g.Clamped(G.InitialAttenuation, 0, 1440) * EmuAttenuationFactor / 10.0;
        _noteGain = VolumeEnvelope.DbToAmplitude(-attenuationDb) * ConcaveGain[velocityUsed];
        // Section 8.4.2, velocity to cutoff: −2400 cents · (1 − v/128), switched on only for v ≥ 64 by
        // its secondary source (as FluidSynth's default_vel2filter_mod implements it).
        _cutoffCents = g.Clamped(G.InitialFilterFc, 1500, 13500) - (velocityUsed >= 64 ? 2400 * (1 - velocityUsed / 128.0) : 0);
        _resonanceDb = g.Clamped(G.InitialFilterQ, 0, 960) / 10.0;
        _modEnvToPitch = g.Clamped(G.ModEnvToPitch, -12000, 12000);
        _modEnvToCutoff = g.Clamped(G.ModEnvToFilterFc, -12000, 12000);
        _modLfoToPitch = g.Clamped(G.ModLfoToPitch, -12000, 12000);
        _modLfoToCutoff = g.Clamped(G.ModLfoToFilterFc, -12000, 12000);
        _modLfoToVolume = g.Clamped(G.ModLfoToVolume, -960, 960) / 10.0;
        _vibLfoToPitch = g.Clamped(G.VibLfoToPitch, -12000, 12000);
        _pan = g.Clamped(G.Pan, -500, 500);
        _reverb = g.Clamped(G.ReverbEffectsSend, 0, 1000);
        _chorus = g.Clamped(G.ChorusEffectsSend, 0, 1000);

        _volumeEnvelope.Start(
            g.Seconds(G.DelayVolEnv, 5000), g.Seconds(G.AttackVolEnv, 8000),
            g.KeyScaledSeconds(G.HoldVolEnv, G.KeynumToVolEnvHold, pitchKey), g.KeyScaledSeconds(G.DecayVolEnv, G.KeynumToVolEnvDecay, pitchKey),
            g.Clamped(G.SustainVolEnv, 0, 1440) / 10.0, g.Seconds(G.ReleaseVolEnv, 8000));
        _modulationEnvelope.Start(
            g.Seconds(G.DelayModEnv, 5000), g.Seconds(G.AttackModEnv, 8000),
            g.KeyScaledSeconds(G.HoldModEnv, G.KeynumToModEnvHold, pitchKey), g.KeyScaledSeconds(G.DecayModEnv, G.KeynumToModEnvDecay, pitchKey),
            1 - g.Clamped(G.SustainModEnv, 0, 1000) / 1000.0, g.Seconds(G.ReleaseModEnv, 8000));
        _modulationLfo.Start(g.Seconds(G.DelayModLfo, 5000), g.Hertz(G.FreqModLfo));
        _vibratoLfo.Start(g.Seconds(G.DelayVibLfo, 5000), g.Hertz(G.FreqVibLfo));
        _filter.Reset();
        _gain = 0;
        _cents = double.NaN;
        _channelPan = -1;
    }

    /// <summary>Key released (or pedal lifted): envelopes enter release, a mode-3 loop plays out.</summary>
    public void Release()
    {
        IsReleased = true;
        IsHeldByPedal = false;
        _volumeEnvelope.Release();
        _modulationEnvelope.Release();
        _oscillator.Release();
    }

    /// <summary>Fades out within about 5 ms (stealing, exclusive class, all sound off).</summary>
    public void Kill()
    {
        Release();
        _volumeEnvelope.Release(0.005);
    }

    /// <summary>Renders one block and adds it to the buses; returns false when the voice has ended.</summary>
    public bool Render(Span<float> left, Span<float> right, Span<float> reverb, Span<float> chorus)
    {
        var block = _buffer.AsSpan();
        var mod = _modulationEnvelope.Value;
        var vibratoDepth = _vibLfoToPitch + _channel.Modulation / 127.0 * 50;
        var cents = _pitchCents + _channel.PitchCents + mod * _modEnvToPitch + _modulationLfo.Value * _modLfoToPitch + _vibratoLfo.Value * vibratoDepth;
        if (cents != _cents)
        {
            _cents = cents;
            _step = Math.Min(_sampleStep * Math.Exp(cents * (Math.Log(2) / 1200)), 512); // 2^(cents/1200)
        }

        _oscillator.Render(block, _step);
        _filter.SetParameters(_cutoffCents + mod * _modEnvToCutoff + _modulationLfo.Value * _modLfoToCutoff, _resonanceDb);
        _filter.Process(block);

        var target = _noteGain * ConcaveGain[_channel.Volume] * ConcaveGain[_channel.Expression];
        if (_modLfoToVolume != 0) target *= VolumeEnvelope.DbToAmplitude(-_modulationLfo.Value * _modLfoToVolume);
        _volumeEnvelope.Advance(_blockSeconds);
        _modulationEnvelope.Advance(_blockSeconds);
        _modulationLfo.Advance(_blockSeconds);
        _vibratoLfo.Advance(_blockSeconds);
        target *= _volumeEnvelope.Level;

        if (_channel.Pan != _channelPan)
        {
            _channelPan = _channel.Pan;
            var pan = Math.Clamp(_pan + (_channelPan - 64) / 64.0 * 500, -500, 500);
            var angle = (pan + 500) / 1000 * Math.PI / 2;
            (_panLeft, _panRight) = ((float)Math.Cos(angle), (float)Math.Sin(angle));
        }

        var reverbSend = (float)Math.Clamp((_reverb + _channel.ReverbSend / 127.0 * 200) / 1000, 0, 1);
        var chorusSend = (float)Math.Clamp((_chorus + _channel.ChorusSend / 127.0 * 200) / 1000, 0, 1);
        Mixer.MixRamped(block, (float)_gain, (float)target, _panLeft, _panRight, reverbSend, chorusSend, left, right, reverb, chorus);
        _gain = target;
        var inaudible = _volumeEnvelope.Stage == EnvelopeStage.Release && target < NoiseFloor;
        return _volumeEnvelope.Stage != EnvelopeStage.Finished && !_oscillator.Finished && !inaudible;
    }
}
