using Cantus.Gan.Composing;
using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Gan.Tests.TestSupport;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Tests.Composing;

public sealed class ComposerTests
{
    private static readonly GanModel Model = GanModel.CreateUntrained(new ModelConfig { Architecture = new GanArchitecture { Filters = 2, LowestPitch = 36, Pitches = 64, LatentChannels = 3 } }, 4);

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(2, 0, 1)]
    [InlineData(3, 0, 2)]
    [InlineData(9, 0, 5)]
    [InlineData(2, 6, 1)] // leading silence: 6 steps of rest, then 2 bars (32 steps) → one window
    [InlineData(3, 20, 2)]
    public void OutputLength_EqualsInputLength(int bars, int silence, int windows)
    {
        var input = Melodies.Scale(bars, silence);
        var result = new Composer(Model).Compose(input, new ComposeOptions { Seed = 3 });
        var steps = bars * 16 + silence;
        Assert.Equal(steps, Melodies.Steps(input));
        Assert.Equal(steps, result.Roll.Steps);
        Assert.Equal(windows, result.Windows);
        Assert.Equal(silence, result.LeadingSilenceSteps);
        Assert.Equal(steps, MidiToMultitrack.Convert(MidiFile.Parse(result.Midi.ToBytes())).Steps);
        // The voices rest during the leading silence.
        for (var k = 1; k < 4; k++)
            for (var t = 0; t < silence; t++) Assert.False(result.Roll.Tracks[k].StepCells(t).ContainsAnyExcept((byte)0), $"voice {k} sounds at step {t}");
    }

    [Fact]
    public void Output_IsMelodyThenAltoTenorBass_WithTheMelodyNoteForNote()
    {
        var input = Melodies.Scale(3, 5, channel: 4, name: "Tune");
        var result = new Composer(Model).Compose(input, new ComposeOptions { Programs = [73, 48, 32] });
        var output = MidiFile.Parse(result.Midi.ToBytes());
        Assert.Equal(5, output.Tracks.Count); // conductor + 4
        Assert.Equal(Melodies.Notes(input.Tracks[1]), Melodies.Notes(output.Tracks[1]));
        Assert.Equal(["Tune", "alto", "tenor", "bass"], output.Tracks.Skip(1).Select(t => t.Name));
        var programs = output.Tracks.Skip(1).Select(t => t.Events.OfType<ChannelEvent>().First(e => e.Command == MidiCommand.ProgramChange).Data1);
        Assert.Equal([73, 48, 32, 0], programs);
        Assert.Equal(100, MidiToMultitrack.Convert(output).TempoBpm, 3);
    }

    [Fact]
    public void SameSeed_SameOutput_AndTheReturnedLatentReproducesIt()
    {
        var input = Melodies.Scale(4);
        var composer = new Composer(Model);
        var a = composer.Compose(input, new ComposeOptions { Seed = 9 });
        var b = composer.Compose(input, new ComposeOptions { Seed = 9, Raw = false });
        var c = composer.Compose(input, new ComposeOptions { Latent = a.Latent });
        Assert.Equal(a.Midi.ToBytes(), b.Midi.ToBytes());
        Assert.Equal(a.Midi.ToBytes(), c.Midi.ToBytes());
        Assert.Equal([2, 3, 2, 4], a.Latent.Shape.ToArray());
        // Every window gets the same latent.
        var z = a.Latent.AsReadOnlySpan();
        Assert.True(z[..24].SequenceEqual(z[24..48]));
    }

    [Fact]
    public void LatentOfTheWrongShape_IsRejectedWithTheExpectedShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Composer(Model).Compose(Melodies.Scale(4), new ComposeOptions { Latent = Tensors.Tensor.Zeros(1, 3, 2, 4) }));
        Assert.Contains("(2, 3, 2, 4)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidates_PickTheCriticsFavourite()
    {
        var composer = new Composer(Model);
        var three = composer.Compose(Melodies.Scale(2), new ComposeOptions { Candidates = 3 });
        Assert.NotNull(three.CriticScore);
        var scores = Enumerable.Range(0, 3).Select(i => composer.Compose(Melodies.Scale(2), new ComposeOptions { Latent = LatentOf(i) }));
        Assert.Equal(three.Latent.ToArray(), scores.MaxBy(s => Score(composer, s))!.Latent.ToArray());

        Tensors.Tensor LatentOf(int i)
        {
            var r = new Tensors.SeededRandom(0);
            Tensors.Tensor z = null!;
            for (var k = 0; k <= i; k++) z = r.TruncatedNormal(new Tensors.TensorShape(1, 3, 2, 4));
            return z;
        }
    }

    [Fact]
    public void CleanupDefaults_ComeFromTheModel_ExplicitOptionsWin()
    {
        var calibrated = new GanModel(Model.Config with { Cleanup = new CleanupSettings { Threshold = -1f, KeyPenalty = 0.5f } }, Model.Generator, Model.Critic);
        var input = Melodies.Scale(2, 0);
        var byModel = new Composer(calibrated).Compose(input);
        var explicitly = new Composer(Model).Compose(input, new ComposeOptions { Threshold = -1f, KeyPenalty = 0.5f });
        Assert.Equal(explicitly.Midi.ToBytes(), byModel.Midi.ToBytes());
        Assert.Equal((-1f, 0.5f), new Composer(calibrated).ResolveCleanup(ComposeOptions.Default));
        Assert.Equal((0.2f, 0.5f), new Composer(calibrated).ResolveCleanup(new ComposeOptions { Threshold = 0.2f }));
        Assert.Equal((0f, 0f), new Composer(calibrated).ResolveCleanup(new ComposeOptions { Raw = true }));
        Assert.Equal((0f, 0f), new Composer(Model).ResolveCleanup(ComposeOptions.Default));
        Assert.Throws<ArgumentException>(() => new Composer(Model).ResolveCleanup(new ComposeOptions { KeyPenalty = -1f }));
    }

    [Fact]
    public void Candidates_WithoutCritic_AreRejected()
    {
        var noCritic = new GanModel(Model.Config, Model.Generator, null);
        Assert.Throws<ArgumentException>(() => new Composer(noCritic).Compose(Melodies.Scale(2), new ComposeOptions { Candidates = 2 }));
    }

    [Fact]
    public void Format0_MelodyChannelIsFound_DrumsIgnored_NotesKept()
    {
        var format1 = Melodies.Scale(2, channel: 3);
        var drums = new[] { new ChannelEvent(0, MidiCommand.NoteOn, 9, 36, 100), new ChannelEvent(240, MidiCommand.NoteOff, 9, 36, 0) };
        var merged = format1.Tracks.SelectMany(t => t.Events).Where(e => e is not MetaEvent { IsEndOfTrack: true }).Concat(drums)
            .OrderBy(e => e.Tick).Append(MetaEvent.CreateEndOfTrack(32 * 120)).ToList();
        var format0 = new MidiFile(0, TimeDivision.PerQuarter(480), [new MidiTrack(merged)]);
        var result = new Composer(Model).Compose(format0);
        Assert.Equal(32, result.Roll.Steps);
        Assert.Equal(Melodies.Notes(format1.Tracks[1]), Melodies.Notes(MidiFile.Parse(result.Midi.ToBytes()).Tracks[1]));
    }

    [Fact]
    public void TooLongMelody_IsRejected()
    {
        var ex = Assert.Throws<MelodyTooLongException>(() => new Composer(Model).Compose(Melodies.Scale(9), new ComposeOptions { MaxWindows = 4 }));
        Assert.Contains("5 windows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitShift_MovesByOctavesIntoTheRange()
    {
        var a = new GanArchitecture { LowestPitch = 36, Pitches = 64 };
        Assert.Equal(0, Composer.FitShift(Track(40, 99), a));
        Assert.Equal(-12, Composer.FitShift(Track(100, 105), a));
        Assert.Equal(24, Composer.FitShift(Track(12, 20), a));

        static PianoRollTrack Track(int low, int high)
        {
            var t = new PianoRollTrack(2);
            t[0, low] = 1;
            t[1, high] = 1;
            return t;
        }
    }

    private static double Score(Composer composer, Composition c)
    {
        var a = composer.Model.Config.Architecture;
        var cond = new float[a.Steps * a.Pitches];
        RollCodec.Encode(c.Roll.Tracks[0], 0, 0, a, cond);
        var condition = Tensors.Tensor.FromArray(cond, 1, 1, a.Steps, a.Pitches);
        using var _ = Tensors.Autograd.GradMode.NoGrad();
        return composer.Model.Critic!.Forward(composer.Generate(condition, c.Latent), condition).Item();
    }
}
