using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Audio.Synthesis;
using Cantus.Music.Tests.Audio.Helpers;

namespace Cantus.Music.Tests.Audio;

/// <summary>Pitch of rendered notes measured by an FFT written in the tests (issue 5: A4 within 1 %, a C major triad shows C, E, G).</summary>
public class PitchTests_Fft
{
    private const int Rate = 44100;

    /// <summary>The fallback, and TimGM6mb when installed (its absence shows as the skipped A4 test below).</summary>
    public static TheoryData<string> Fonts => File.Exists(SoundFontTests_Debian.TimGm6mb)
        ? new() { "fallback", SoundFontTests_Debian.TimGm6mb }
        : new() { "fallback" };

    [Fact]
    public void A4IsAt440HzWithTheFallback() => A4IsAt440Hz("fallback");

    [InstalledFileFact(SoundFontTests_Debian.TimGm6mb, "timgm6mb-soundfont")]
    public void A4IsAt440HzWithTimGm6mb() => A4IsAt440Hz(SoundFontTests_Debian.TimGm6mb);

    private static void A4IsAt440Hz(string font)
    {
        var left = Render(Load(font), program: 0, keys: [69], seconds: 1.0);
        var hz = Spectrum.PeakFrequency(Spectrum.Magnitudes(left, Rate / 10, 32768), Rate, 300, 600);
        Assert.True(Math.Abs(hz - 440) < 4.4, $"{font}: fundamental at {hz:F2} Hz, expected 440 ± 4.4");
    }

    [Theory]
    [InlineData(22050)]
    [InlineData(48000)]
    public void A4IsAt440HzAtOtherSampleRates(int rate)
    {
        var synth = new Synthesizer(SoundFont.CreateFallback(), new SynthesizerSettings { SampleRate = rate, EnableEffects = false });
        synth.NoteOn(0, 69, 100);
        var left = new float[rate];
        synth.Render(left, new float[rate]);
        var hz = Spectrum.PeakFrequency(Spectrum.Magnitudes(left, rate / 10, 16384), rate, 300, 600);
        Assert.True(Math.Abs(hz - 440) < 4.4, $"{rate} Hz output: fundamental at {hz:F2} Hz");
    }

    [Fact]
    public void TheTestFftFindsAKnownSine()
    {
        // The helper itself must be right: a 441.7 Hz sine plus a weaker 1000 Hz one.
        var x = Enumerable.Range(0, 40000).Select(i => (float)(Math.Sin(2 * Math.PI * 441.7 * i / Rate) + 0.3 * Math.Sin(2 * Math.PI * 1000 * i / Rate))).ToArray();
        var m = Spectrum.Magnitudes(x, 0, 32768);
        Assert.Equal(441.7, Spectrum.PeakFrequency(m, Rate, 300, 600), 0);
        Assert.Equal(2, Spectrum.Peaks(m, Rate, 0.1, 2000).Count);
    }

    [Theory]
    [MemberData(nameof(Fonts))]
    public void LowAndHighNotesKeepTheirPitch(string font)
    {
        // Keys far from the fallback's sample roots (C2+5, C7−1) exercise resampling in both directions.
        foreach (var key in new[] { 41, 95 })
        {
            var left = Render(Load(font), program: 0, keys: [key], seconds: 1.0);
            var expected = Spectrum.MidiToHz(key);
            var hz = Spectrum.PeakFrequency(Spectrum.Magnitudes(left, Rate / 10, 32768), Rate, expected * 0.8, expected * 1.2);
            Assert.True(Math.Abs(hz / expected - 1) < 0.01, $"{font} key {key}: {hz:F2} Hz, expected {expected:F2}");
        }
    }

    [Theory]
    [MemberData(nameof(Fonts))]
    public void CMajorTriadShowsCEAndG(string font)
    {
        var left = Render(Load(font), program: 0, keys: [60, 64, 67], seconds: 1.0);
        var peaks = Spectrum.Peaks(Spectrum.Magnitudes(left, Rate / 10, 32768), Rate, 0.1, 1000);
        foreach (var key in new[] { 60, 64, 67 })
        {
            var f = Spectrum.MidiToHz(key);
            Assert.True(peaks.Any(p => Math.Abs(p / f - 1) < 0.01), $"{font}: no peak near {f:F1} Hz (key {key}); peaks {string.Join(", ", peaks.Select(p => p.ToString("F1")))}");
        }

        // Lopsided check: a D (key 62) is not in the chord and must not show up as a strong peak.
        Assert.DoesNotContain(peaks, p => Math.Abs(p / Spectrum.MidiToHz(62) - 1) < 0.01);
    }

    [Fact]
    public void PitchBendUsesTheRpnRange()
    {
        var synth = new Synthesizer(SoundFont.CreateFallback(), new SynthesizerSettings { EnableEffects = false });
        synth.ProcessMidiMessage(0, 0xB0, 101, 0);  // RPN MSB 0
        synth.ProcessMidiMessage(0, 0xB0, 100, 0);  // RPN LSB 0: pitch bend sensitivity
        synth.ProcessMidiMessage(0, 0xB0, 6, 12);   // 12 semitones
        synth.ProcessMidiMessage(0, 0xE0, 0, 96);   // bend (96·128 − 8192)/8192 = +0.5 → +6 semitones
        synth.NoteOn(0, 69, 100);
        var left = new float[Rate];
        synth.Render(left, new float[Rate]);
        var expected = Spectrum.MidiToHz(75);
        var hz = Spectrum.PeakFrequency(Spectrum.Magnitudes(left, Rate / 10, 32768), Rate, 500, 800);
        Assert.True(Math.Abs(hz / expected - 1) < 0.01, $"bent A4: {hz:F2} Hz, expected {expected:F2}");
    }

    internal static SoundFont Load(string font) => font == "fallback" ? SoundFont.CreateFallback() : SoundFont.Load(font);

    internal static float[] Render(SoundFont font, int program, int[] keys, double seconds)
    {
        var synth = new Synthesizer(font, new SynthesizerSettings { SampleRate = Rate, EnableEffects = false });
        synth.ProcessMidiMessage(0, 0xC0, program, 0);
        foreach (var k in keys) synth.NoteOn(0, k, 100);
        var n = (int)(seconds * Rate);
        var left = new float[n];
        synth.Render(left, new float[n]);
        return left;
    }
}
