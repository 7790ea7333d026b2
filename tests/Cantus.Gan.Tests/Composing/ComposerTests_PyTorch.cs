using Cantus.Gan.Composing;
using Cantus.Gan.Models;
using Cantus.Gan.Tests.TestSupport;
using Cantus.Music.Midi;
using Cantus.Tensors.Serialization;

namespace Cantus.Gan.Tests.Composing;

/// <summary>
/// A generator trained (well, run) in PyTorch with torch_reference.py and saved with PyTorch's
/// names (ReferenceData/make_torch_generator.py) gives, with --raw --threshold 0 and the same
/// melody and latent, PyTorch's binarised output.
/// </summary>
public sealed class ComposerTests_PyTorch
{
    [Fact]
    public void RawThresholdZero_ReproducesTheReferenceBinarisedOutput()
    {
        var model = ModelStore.Load(Paths.ReferenceData("PyTorch", "small-generator"));
        Assert.Null(model.Critic);
        var io = SafeTensors.ReadFile(Paths.ReferenceData("PyTorch", "small-generator-io.safetensors")).Tensors;
        var melody = io["melody"].AsReadOnlySpan();   // (32, 128) in {-1, 1}
        var expected = io["out"].AsReadOnlySpan();    // (1, 4, 32, 128) tanh outputs
        var midi = ToMidi(melody);
        var result = new Composer(model).Compose(midi, new ComposeOptions { Raw = true, Threshold = 0, Latent = io["z"] });

        Assert.Equal(32, result.Roll.Steps);
        Assert.Equal(4, result.Roll.Tracks.Count);
        int compared = 0, borderline = 0, positive = 0;
        for (var k = 1; k < 4; k++)
        {
            var voice = result.Roll.Tracks[k];
            for (var t = 0; t < 32; t++)
                for (var p = 0; p < 128; p++)
                {
                    var reference = expected[(k * 32 + t) * 128 + p];
                    // A float32 network summed in another order may flip a cell whose output is within 1e-4 of the threshold.
                    if (Math.Abs(reference) < 1e-4f)
                    {
                        borderline++;
                        continue;
                    }
                    compared++;
                    if (reference > 0) positive++;
                    Assert.True((reference > 0) == voice.IsActive(t, p), $"voice {k}, step {t}, pitch {p}: PyTorch {reference}, Cantus {(voice.IsActive(t, p) ? "on" : "off")}");
                }
        }
        Assert.True(borderline < 8, $"{borderline} borderline cells");
        Assert.Equal(13 + 4051 + 20, positive + borderline); // the script's counts for tracks 1..3 (none borderline there)
        Assert.True(compared > 12_000);
    }

    private static MidiFile ToMidi(ReadOnlySpan<float> roll)
    {
        var events = new List<MidiEvent>();
        for (var p = 0; p < 128; p++)
        {
            var start = -1;
            for (var t = 0; t <= 32; t++)
            {
                var on = t < 32 && roll[t * 128 + p] > 0;
                if (on && start < 0) start = t;
                else if (!on && start >= 0)
                {
                    events.Add(new ChannelEvent(start * 120, MidiCommand.NoteOn, 0, p, 80));
                    events.Add(new ChannelEvent(t * 120, MidiCommand.NoteOff, 0, p, 0));
                    start = -1;
                }
            }
        }
        events = events.OrderBy(e => e.Tick).ThenBy(e => ((ChannelEvent)e).Command == MidiCommand.NoteOff ? 0 : 1).ToList();
        events.Add(MetaEvent.CreateEndOfTrack(32 * 120));
        return new MidiFile(1, TimeDivision.PerQuarter(480), [new MidiTrack([MetaEvent.CreateEndOfTrack(32 * 120)]), new MidiTrack(events)]);
    }
}
