using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Audio.Synthesis;
using Cantus.Music.Tests.Audio.Helpers;

namespace Cantus.Music.Tests.Audio;

/// <summary>Generator merging, controllers and voice management, measured on the DC test SoundFont.</summary>
public class SynthesizerTests
{
    private const int Rate = 44100;

    /// <summary>Left and right level of a held note after 0.2 s (the DC sample makes the output the gain itself).</summary>
    private static (float Left, float Right) Level(Sf2Builder builder, Action<Synthesizer>? setup = null, int velocity = 127)
    {
        var synth = new Synthesizer(SoundFont.Load(new MemoryStream(builder.Build())), new SynthesizerSettings { EnableEffects = false });
        setup?.Invoke(synth);
        synth.NoteOn(0, 60, velocity);
        var left = new float[Rate / 5];
        var right = new float[Rate / 5];
        synth.Render(left, right);
        return (left[^1], right[^1]);
    }

    [Fact]
    public void GlobalZoneAppliesUnlessTheLocalZoneOverrides()
    {
        var plain = Level(new Sf2Builder()).Left;
        var global = new Sf2Builder();
        global.GlobalGenerators.Add((48, 500));                       // 500 cB · 0.4 (EMU factor) = 20 dB in the global zone
        Assert.Equal(0.1, Level(global).Left / plain, 3);
        global.Generators.Add((48, 150));                             // the local zone's 150 cB · 0.4 = 6 dB wins
        Assert.Equal(Math.Pow(10, -6.0 / 20), Level(global).Left / plain, 3);
    }

    [Fact]
    public void PresetGeneratorsAddToInstrumentGenerators()
    {
        var plain = Level(new Sf2Builder()).Left;
        var builder = new Sf2Builder();
        builder.Generators.Add((48, 500));
        builder.PresetGenerators.Add((48, 250));                      // (500 + 250) cB · 0.4 = 30 dB
        Assert.Equal(Math.Pow(10, -30.0 / 20), Level(builder).Left / plain, 3);
    }

    [Fact]
    public void VelocityVolumeAndExpressionFollowTheConcaveDefaultModulators()
    {
        var full = Level(new Sf2Builder()).Left;
        // 40·log10(127/64) dB for velocity 64: amplitude (64/127)².
        Assert.Equal(Math.Pow(64 / 127.0, 2), Level(new Sf2Builder(), velocity: 64).Left / full, 3);
        var quiet = Level(new Sf2Builder(), s => { s.ProcessMidiMessage(0, 0xB0, 7, 50); s.ProcessMidiMessage(0, 0xB0, 11, 100); }).Left;
        Assert.Equal(Math.Pow(50 / 100.0, 2) * Math.Pow(100 / 127.0, 2), quiet / full, 3);
    }

    [Fact]
    public void PanGeneratorAndControllerMoveTheVoice()
    {
        var centre = Level(new Sf2Builder());
        Assert.Equal(centre.Left, centre.Right, 5);
        var builder = new Sf2Builder();
        builder.Generators.Add((17, -500));                           // hard left
        var left = Level(builder);
        Assert.Equal(0, left.Right, 5);
        Assert.Equal(centre.Left * Math.Sqrt(2), left.Left, 3);
        var right = Level(new Sf2Builder(), s => s.ProcessMidiMessage(0, 0xB0, 10, 127));
        Assert.True(right.Right > 10 * right.Left, $"CC10=127: {right}");
    }

    [Fact]
    public void PolyphonyCapStealsVoices()
    {
        var synth = new Synthesizer(SoundFont.Load(new MemoryStream(new Sf2Builder().Build())), new SynthesizerSettings { MaximumPolyphony = 4 });
        for (var key = 50; key < 60; key++) synth.NoteOn(0, key, 100);
        Assert.Equal(4, synth.ActiveVoiceCount);
        synth.Render(new float[1000], new float[1000]);
        Assert.Equal(4, synth.ActiveVoiceCount);
    }

    [Fact]
    public void ExclusiveClassCutsThePreviousNote()
    {
        var builder = new Sf2Builder();
        builder.Generators.Add((57, 1));
        var synth = new Synthesizer(SoundFont.Load(new MemoryStream(builder.Build())));
        synth.NoteOn(0, 42, 100);
        synth.NoteOn(0, 46, 100);
        synth.Render(new float[Rate / 10], new float[Rate / 10]);
        Assert.Equal(1, synth.ActiveVoiceCount);
    }

    [Fact]
    public void AllSoundOffSilencesQuickly()
    {
        var synth = new Synthesizer(SoundFont.CreateFallback(), new SynthesizerSettings { EnableEffects = false });
        for (var key = 60; key < 64; key++) synth.NoteOn(0, key, 100);
        synth.Render(new float[4410], new float[4410]);
        synth.ProcessMidiMessage(0, 0xB0, 120, 0);
        var tail = new float[Rate / 50];
        synth.Render(tail, new float[tail.Length]);
        Assert.Equal(0, synth.ActiveVoiceCount);
        Assert.Equal(0, tail[^1]);
    }

    [Fact]
    public void DrumChannelPlaysTheFallbackKit()
    {
        var synth = new Synthesizer(SoundFont.CreateFallback(), new SynthesizerSettings { EnableEffects = false });
        synth.NoteOn(9, 38, 120);
        var left = new float[Rate / 10];
        synth.Render(left, new float[left.Length]);
        Assert.True(left.Max(Math.Abs) > 0.01, "snare on channel 10 is silent");
    }

    [Fact]
    public void ArgumentsOutsideMidiRangesAreRejected()
    {
        var synth = new Synthesizer(SoundFont.CreateFallback());
        Assert.Throws<ArgumentOutOfRangeException>(() => synth.ProcessMidiMessage(16, 0x90, 60, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => synth.ProcessMidiMessage(0, 0x90, 128, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => synth.NoteOn(0, 60, -1));
        Assert.Throws<ArgumentException>(() => synth.Render(new float[3], new float[4]));
    }

    [Fact]
    public void RenderingInOddSizedPiecesEqualsOneCall()
    {
        static float[] Run(int[] pieces)
        {
            var synth = new Synthesizer(SoundFont.CreateFallback());
            synth.NoteOn(0, 64, 90);
            var left = new float[pieces.Sum()];
            var offset = 0;
            foreach (var n in pieces)
            {
                synth.Render(left.AsSpan(offset, n), new float[n]);
                offset += n;
            }

            return left;
        }

        Assert.Equal(Run([4096]), Run([1, 63, 64, 65, 127, 129, 3647]));
    }
}
