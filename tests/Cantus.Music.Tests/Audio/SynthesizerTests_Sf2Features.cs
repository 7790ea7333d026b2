using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Audio.Synthesis;
using Cantus.Music.Tests.Audio.Helpers;

namespace Cantus.Music.Tests.Audio;

/// <summary>
/// SoundFont 2.04 features played from a built sine SoundFont (441 Hz at A4): program and bank
/// selection, tuning generators, loop modes, modulation envelope and LFO, and the low-pass filter.
/// </summary>
public class SynthesizerTests_Sf2Features
{
    private const int Rate = 44100;

    private static float[] Play(Sf2Builder builder, int channel, int key, double seconds, Action<Synthesizer>? setup = null, double? releaseAt = null)
    {
        var synth = new Synthesizer(SoundFont.Load(new MemoryStream(builder.Build())), new SynthesizerSettings { EnableEffects = false });
        setup?.Invoke(synth);
        synth.NoteOn(channel, key, 127);
        var n = (int)(seconds * Rate);
        var left = new float[n];
        var split = releaseAt is null ? n : (int)(releaseAt.Value * Rate);
        synth.Render(left.AsSpan(0, split), new float[split]);
        synth.NoteOff(channel, key);
        synth.Render(left.AsSpan(split), new float[n - split]);
        return left;
    }

    private static double Pitch(float[] x, int start, int n = 8192, double min = 50, double max = 5000) =>
        Spectrum.PeakFrequency(Spectrum.Magnitudes(x, start, n), Rate, min, max);

    /// <summary>Relative tolerance 0.2 % (3.5 cents) unless given.</summary>
    private static void AssertHz(double expected, double actual, double tolerance = 0.002) =>
        Assert.True(Math.Abs(actual / expected - 1) < tolerance, $"{actual:F2} Hz, expected {expected:F2} Hz ± {tolerance:P2}");

    [Fact]
    public void ProgramChangeBankSelectAndDrumChannelChooseTheirPresets()
    {
        var builder = Sf2Builder.Sine();
        builder.Presets.Clear();
        builder.Presets.AddRange([(0, 0), (0, 5), (3, 5), (128, 0)]);
        builder.PresetZoneGenerators[(0, 5)] = [(51, 12)];      // coarse tune +12 semitones
        builder.PresetZoneGenerators[(3, 5)] = [(51, 7)];       // +7
        builder.PresetZoneGenerators[(128, 0)] = [(51, -12)];   // −12
        AssertHz(441, Pitch(Play(builder, 0, 69, 0.5), 4410));
        AssertHz(882, Pitch(Play(builder, 0, 69, 0.5, s => s.ProcessMidiMessage(0, 0xC0, 5, 0)), 4410));
        var fifth = Pitch(Play(builder, 0, 69, 0.5, s => { s.ProcessMidiMessage(0, 0xB0, 0, 3); s.ProcessMidiMessage(0, 0xC0, 5, 0); }), 4410);
        AssertHz(441 * Math.Pow(2, 7 / 12.0), fifth);
        AssertHz(220.5, Pitch(Play(builder, 9, 69, 0.5), 4410));
    }

    [Fact]
    public void TuningGeneratorsCombine()
    {
        // Key 57 with root override 57 plays the sample's own 441 Hz; fine tune +50 and pitch correction −20 give +30 cents.
        var builder = Sf2Builder.Sine();
        builder.PitchCorrection = -20;
        builder.Generators.AddRange([(58, 57), (52, 50)]);
        AssertHz(441 * Math.Pow(2, 30 / 1200.0), Pitch(Play(builder, 0, 57, 1.0), 4410, 32768), 0.0005);

        // scaleTuning 50: each key is half a semitone, so 12 keys up is a tritone (6 semitones).
        builder = Sf2Builder.Sine();
        builder.Generators.Add((56, 50));
        AssertHz(441 * Math.Pow(2, 6 / 12.0), Pitch(Play(builder, 0, 81, 1.0), 4410, 32768));
    }

    [Fact]
    public void UnloopedSampleEndsAndLoopUntilReleasePlaysOutAfterNoteOff()
    {
        var once = new Sf2Builder();
        once.Generators.Clear();                                // sampleModes 0: play 1000 points once
        var x = Play(once, 0, 60, 0.1);
        Assert.NotEqual(0, x[990]);
        Assert.Equal(0, x[1100]);

        var untilRelease = new Sf2Builder();
        untilRelease.Generators.Clear();
        untilRelease.Generators.AddRange([(54, 3), (38, 1200)]); // loop while held; 2 s release
        x = Play(untilRelease, 0, 60, 0.6, releaseAt: 0.5);
        Assert.NotEqual(0, x[(int)(0.49 * Rate)]);              // still looping after 0.49 s
        var released = (int)(0.5 * Rate) + Synthesizer.BlockSize;
        Assert.Equal(0, x[released + 1000]);                    // then at most 900 points more to the end
    }

    [Fact]
    public void ModulationEnvelopeBendsThePitchAndTheVibratoLfoWobblesIt()
    {
        var builder = Sf2Builder.Sine();
        builder.Generators.AddRange([(7, 1200), (26, -3986)]);  // modEnvToPitch +1 octave, attack 0.1 s, sustain full
        AssertHz(882, Pitch(Play(builder, 0, 69, 1.0), Rate / 2));

        builder = Sf2Builder.Sine();
        builder.Generators.AddRange([(6, 100), (24, -1200)]);   // vibLfoToPitch ±100 cents at 8.176/2 Hz
        var y = Play(builder, 0, 69, 1.5);
        var pitches = Enumerable.Range(0, 50).Select(i => Pitch(y, 4410 + i * 1000, 2048)).ToList();
        Assert.InRange(pitches.Max(), 441 * Math.Pow(2, 80 / 1200.0), 441 * Math.Pow(2, 120 / 1200.0));
        Assert.InRange(pitches.Min(), 441 * Math.Pow(2, -120 / 1200.0), 441 * Math.Pow(2, -80 / 1200.0));
    }

    [Fact]
    public void LowPassFilterCutsHighNotesNotLowOnes()
    {
        static double Rms(float[] x) => Math.Sqrt(x.Skip(x.Length / 2).Average(v => (double)v * v));
        var open = Sf2Builder.Sine();
        var closed = Sf2Builder.Sine();
        closed.Generators.Add((8, 7122));                       // 8.176 Hz · 2^(7122/1200) = 500 Hz cutoff
        // 441 Hz is below the cutoff: RBJ Butterworth gain there is 1/sqrt(1 + (441/500)^4) ≈ 0.79.
        Assert.InRange(Rms(Play(closed, 0, 69, 0.5)) / Rms(Play(open, 0, 69, 0.5)), 0.7, 0.9);
        // 3528 Hz (3 octaves up) is 2.8 octaves above: about −34 dB.
        Assert.InRange(Rms(Play(closed, 0, 105, 0.5)) / Rms(Play(open, 0, 105, 0.5)), 0.005, 0.04);
    }
}
