using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Audio.Synthesis;
using Cantus.Music.Tests.Audio.Helpers;

namespace Cantus.Music.Tests.Audio;

/// <summary>
/// Volume envelope timing against SoundFont 2.04 section 8.1.2 (generators 33–38), using a tiny
/// SoundFont built here whose sample is a constant ("DC"), so the output is the envelope itself.
/// Issue 5: times are met within one 64-sample block.
/// </summary>
public class EnvelopeTests_Spec
{
    private const int Rate = 44100;
    private const int Block = Synthesizer.BlockSize;

    private static short Timecents(double seconds) => (short)Math.Round(1200 * Math.Log2(seconds));

    [Fact]
    public void DelayAttackHoldDecayReleaseAreMetWithinOneBlock()
    {
        const double delay = 0.05, attack = 0.1, hold = 0.05, decay = 0.4, sustainDb = 30, release = 0.5, noteOff = 1.0;
        var builder = new Sf2Builder();
        builder.Generators.AddRange([
            (33, Timecents(delay)), (34, Timecents(attack)), (35, Timecents(hold)),
            (36, Timecents(decay)), (37, (short)(sustainDb * 10)), (38, Timecents(release))]);
        var font = SoundFont.Load(new MemoryStream(builder.Build()));
        var synth = new Synthesizer(font, new SynthesizerSettings { EnableEffects = false });
        synth.NoteOn(0, 60, 127);
        var total = (int)(2.0 * Rate);
        var offAt = (int)(noteOff * Rate);
        var left = new float[total];
        var right = new float[total];
        synth.Render(left.AsSpan(0, offAt), right.AsSpan(0, offAt));
        synth.NoteOff(0, 60);
        synth.Render(left.AsSpan(offAt), right.AsSpan(offAt));

        var peak = left.Max();
        Assert.True(peak > 0.05, $"peak {peak}");
        var sustain = peak * Math.Pow(10, -sustainDb / 20);

        // Delay: silent until 0.05 s; attack: linear rise reaching the peak at 0.15 s.
        AssertNear(FirstIndex(left, x => x > 1e-6), delay * Rate, "end of delay");
        AssertNear(FirstIndex(left, x => x >= 0.999 * peak), (delay + attack) * Rate, "end of attack");
        AssertNear(FirstIndex(left, x => x >= 0.5 * peak), (delay + attack / 2) * Rate, "attack half-way (linear in amplitude)");

        // Hold then decay at 100 dB per decay time: 30 dB take 0.3 · 0.4 s = 0.12 s.
        var holdEnd = (delay + attack + hold) * Rate;
        AssertNear(LastIndex(left, x => x >= 0.999 * peak), holdEnd, "end of hold");
        AssertNear(FirstIndex(left, x => x <= peak * Math.Pow(10, -15.0 / 20), (int)holdEnd), holdEnd + 0.15 * decay * Rate, "decay through −15 dB");
        AssertNear(FirstIndex(left, x => x <= sustain * 1.001, (int)holdEnd), holdEnd + sustainDb / 100 * decay * Rate, "sustain reached");
        Assert.InRange(left[offAt - 1], sustain * 0.99, sustain * 1.01);

        // Release at 100 dB per release time: −40 dB after 0.2 s (the note-off lands on the next block boundary).
        AssertNear(FirstIndex(left, x => x <= sustain * 0.01, offAt), offAt + 0.4 * release * Rate, "release through −40 dB");
        Assert.Equal(0, left[^1]);
        Assert.Equal(0, synth.ActiveVoiceCount);
    }

    [Fact]
    public void SustainPedalHoldsTheNoteUntilLifted()
    {
        var builder = new Sf2Builder();
        builder.Generators.Add((38, Timecents(0.01)));
        var synth = new Synthesizer(SoundFont.Load(new MemoryStream(builder.Build())), new SynthesizerSettings { EnableEffects = false });
        var buffer = new float[Rate / 2];
        synth.ProcessMidiMessage(0, 0xB0, 64, 127);
        synth.NoteOn(0, 60, 127);
        synth.Render(buffer, new float[buffer.Length]);
        synth.NoteOff(0, 60);
        synth.Render(buffer, new float[buffer.Length]);
        Assert.True(buffer[^1] > 0.1, $"pedal down: level {buffer[^1]}");
        synth.ProcessMidiMessage(0, 0xB0, 64, 0);
        synth.Render(buffer, new float[buffer.Length]);
        Assert.Equal(0, buffer[^1]);
        Assert.Equal(0, synth.ActiveVoiceCount);
    }

    private static void AssertNear(int actual, double expected, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Block, $"{what}: sample {actual}, expected {expected:F0} ± {Block}");

    private static int FirstIndex(float[] x, Func<float, bool> predicate, int from = 0)
    {
        for (var i = from; i < x.Length; i++) if (predicate(x[i])) return i;
        return -1;
    }

    private static int LastIndex(float[] x, Func<float, bool> predicate)
    {
        for (var i = x.Length - 1; i >= 0; i--) if (predicate(x[i])) return i;
        return -1;
    }
}
