using Cantus.Music.Audio.SoundFonts;

namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// A 16-channel General MIDI synthesizer playing a <see cref="SoundFont"/> (a .sf2 file or the
/// built-in fallback bank), driven by MIDI channel messages and rendered in blocks of
/// <see cref="BlockSize"/> samples. Messages take effect at the next block boundary (at most
/// 64 samples, 1.5 ms at 44.1 kHz, late). Not thread-safe: one thread drives one instance.
/// </summary>
public sealed class Synthesizer
{
    /// <summary>Samples per internal block; envelopes, LFOs and filters update once per block.</summary>
    public const int BlockSize = 64;

    /// <summary>MIDI channels; index 9 (channel 10) is percussion (bank 128).</summary>
    public const int ChannelCount = 16;

    private readonly Channel[] _channels = new Channel[ChannelCount];
    private readonly VoicePool _voices;
    private readonly Reverb _reverb;
    private readonly Chorus _chorus;
    private readonly float[] _left = new float[BlockSize], _right = new float[BlockSize];
    private readonly float[] _reverbBus = new float[BlockSize], _chorusBus = new float[BlockSize];
    private readonly List<RegionPair> _regions = [];
    private readonly int _effectTailSamples;
    private int _blockRead = BlockSize, _effectIdleSamples = int.MaxValue / 2;
    private long _serial;

    /// <summary>Creates a synthesizer for <paramref name="soundFont"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="soundFont"/> is null.</exception>
    public Synthesizer(SoundFont soundFont, SynthesizerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(soundFont);
        Settings = settings ?? new SynthesizerSettings();
        SoundFont = soundFont;
        SampleRate = Settings.SampleRate;
        for (var i = 0; i < ChannelCount; i++) _channels[i] = new Channel(i);
        _voices = new VoicePool(Settings.MaximumPolyphony, SampleRate);
        _reverb = new Reverb(SampleRate);
        _chorus = new Chorus(SampleRate);
        _effectTailSamples = 3 * SampleRate;
        Reset();
    }

    /// <summary>The bank being played.</summary>
    public SoundFont SoundFont { get; }

    /// <summary>The settings given at construction.</summary>
    public SynthesizerSettings Settings { get; }

    /// <summary>Output sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Voices sounding now (at most <see cref="SynthesizerSettings.MaximumPolyphony"/>).</summary>
    public int ActiveVoiceCount => _voices.ActiveCount;

    /// <summary>
    /// Handles one channel message: <paramref name="command"/> is the status byte's upper nibble
    /// (0x80 note off, 0x90 note on, 0xB0 control change, 0xC0 program change, 0xE0 pitch bend with
    /// data1 = LSB, data2 = MSB); the low nibble is ignored. Aftertouch and unknown commands are ignored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">channel is not 0..15, or data1/data2 not 0..127.</exception>
    public void ProcessMidiMessage(int channel, int command, int data1, int data2)
    {
        if ((uint)channel >= ChannelCount) throw new ArgumentOutOfRangeException(nameof(channel), channel, "Channel must be 0..15.");
        if ((uint)data1 > 127) throw new ArgumentOutOfRangeException(nameof(data1), data1, "Data bytes must be 0..127.");
        if ((uint)data2 > 127) throw new ArgumentOutOfRangeException(nameof(data2), data2, "Data bytes must be 0..127.");
        var ch = _channels[channel];
        switch (command & 0xF0)
        {
            case 0x80: NoteOff(channel, data1); break;
            case 0x90: NoteOn(channel, data1, data2); break;
            case 0xB0: ControlChange(ch, data1, data2); break;
            case 0xC0: ch.Program = data1; break;
            case 0xE0: ch.PitchBend = (data1 | (data2 << 7)) - 8192; break;
        }
    }

    /// <summary>Starts a note; velocity 0 is a note-off (MIDI 1.0 running-status convention).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its MIDI range.</exception>
    public void NoteOn(int channel, int key, int velocity)
    {
        if ((uint)channel >= ChannelCount) throw new ArgumentOutOfRangeException(nameof(channel), channel, "Channel must be 0..15.");
        if ((uint)key > 127) throw new ArgumentOutOfRangeException(nameof(key), key, "Key must be 0..127.");
        if ((uint)velocity > 127) throw new ArgumentOutOfRangeException(nameof(velocity), velocity, "Velocity must be 0..127.");
        if (velocity == 0)
        {
            NoteOff(channel, key);
            return;
        }

        var ch = _channels[channel];
        var preset = SoundFont.FindPreset(ch.Bank, ch.Program);
        if (preset is null) return;
        _regions.Clear();
        foreach (var p in preset.Regions)
        {
            if (!p.Contains(key, velocity)) continue;
            foreach (var i in p.Instrument.Regions)
            {
                if (i.Contains(key, velocity)) _regions.Add(new RegionPair(p, i));
            }
        }

        foreach (var pair in _regions)
        {
            // Section 8.1.2 generator 57: a new note of an exclusive class cuts the class's sounding notes.
            var exclusive = pair[GeneratorType.ExclusiveClass];
            if (exclusive == 0) continue;
            foreach (var v in _voices.Active)
            {
                if (v.Channel == ch && v.ExclusiveClass == exclusive && v.Serial < _serial) v.Kill();
            }
        }

        foreach (var pair in _regions)
        {
            _voices.Allocate().Start(pair, SoundFont.SampleData, ch, key, velocity, _serial);
        }

        _serial++;
    }

    /// <summary>Releases a note (held on while the sustain pedal is down).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its MIDI range.</exception>
    public void NoteOff(int channel, int key)
    {
        if ((uint)channel >= ChannelCount) throw new ArgumentOutOfRangeException(nameof(channel), channel, "Channel must be 0..15.");
        var ch = _channels[channel];
        foreach (var v in _voices.Active)
        {
            if (v.Channel != ch || v.Key != key || v.IsReleased || v.IsHeldByPedal) continue;
            if (ch.Sustain) v.IsHeldByPedal = true;
            else v.Release();
        }
    }

    /// <summary>Releases every note on every channel; <paramref name="immediate"/> fades them within 5 ms instead.</summary>
    public void NoteOffAll(bool immediate)
    {
        foreach (var v in _voices.Active)
        {
            if (immediate) v.Kill();
            else v.Release();
        }
    }

    /// <summary>Silences all voices at once and resets every channel to power-on state (program 0, bank 0, default controllers).</summary>
    public void Reset()
    {
        _voices.Clear();
        foreach (var ch in _channels) ch.Reset();
        _blockRead = BlockSize;
    }

    /// <summary>
    /// Renders the next <c>left.Length</c> stereo samples (in [-1, 1] for normal levels; not clipped).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void Render(Span<float> left, Span<float> right)
    {
        if (left.Length != right.Length) throw new ArgumentException($"left has {left.Length} samples, right {right.Length}; they must match.", nameof(right));
        var written = 0;
        while (written < left.Length)
        {
            if (_blockRead == BlockSize)
            {
                RenderBlock();
                _blockRead = 0;
            }

            var n = Math.Min(BlockSize - _blockRead, left.Length - written);
            _left.AsSpan(_blockRead, n).CopyTo(left.Slice(written, n));
            _right.AsSpan(_blockRead, n).CopyTo(right.Slice(written, n));
            _blockRead += n;
            written += n;
        }
    }

    private void ControlChange(Channel ch, int controller, int value)
    {
        var sustained = ch.Sustain;
        ch.Control(controller, value);
        switch (controller)
        {
            case 64 when sustained && !ch.Sustain:
                foreach (var v in _voices.Active)
                {
                    if (v.Channel == ch && v.IsHeldByPedal) v.Release();
                }

                break;
            case 120 or 123:
                foreach (var v in _voices.Active)
                {
                    if (v.Channel != ch) continue;
                    if (controller == 120) v.Kill();
                    else if (ch.Sustain) v.IsHeldByPedal = true;
                    else v.Release();
                }

                break;
        }
    }

    private void RenderBlock()
    {
        Array.Clear(_left);
        Array.Clear(_right);
        Array.Clear(_reverbBus);
        Array.Clear(_chorusBus);
        _voices.Render(_left, _right, _reverbBus, _chorusBus);
        var gain = Settings.MasterGain;
        for (var i = 0; i < BlockSize; i++)
        {
            _left[i] *= gain;
            _right[i] *= gain;
        }

        if (!Settings.EnableEffects) return;

        // The effects run only while their input is live or their tail is still ringing.
        var live = _reverbBus.AsSpan().ContainsAnyExcept(0f) || _chorusBus.AsSpan().ContainsAnyExcept(0f);
        _effectIdleSamples = live ? 0 : _effectIdleSamples + BlockSize;
        if (_effectIdleSamples > _effectTailSamples) return;
        for (var i = 0; i < BlockSize; i++)
        {
            _reverbBus[i] *= gain;
            _chorusBus[i] *= gain;
        }

        _reverb.Process(_reverbBus, _left, _right);
        _chorus.Process(_chorusBus, _left, _right);
    }
}
