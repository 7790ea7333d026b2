using System.Buffers.Binary;
using Cantus.Music.Images;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Images;

public class PianoRollAnimationTests
{
    /// <summary>Frame i has one note at pitch 50 + 10·i on steps i..i+1, so the range must cover 50..70 in every frame.</summary>
    private static List<Multitrack> Frames()
    {
        var frames = new List<Multitrack>();
        for (var i = 0; i < 3; i++)
        {
            var m = new Multitrack(8);
            var t = m.AddTrack("voice");
            t[i, 50 + 10 * i] = 100;
            t[i + 1, 50 + 10 * i] = 100;
            frames.Add(m);
        }
        return frames;
    }

    [Fact]
    public void EachFrameShowsItsOwnNotesInTheSharedGeometry()
    {
        var frames = Frames();
        var renderer = new PianoRollRenderer();
        string[] captions = ["iteration 0", "iteration 500", "iteration 1000"];
        var layout = renderer.AnimationLayout(frames, captions);
        var panel = Assert.Single(layout.Panels);
        Assert.Equal(new PitchRange(48, 72), panel.Pitches);

        using var output = new MemoryStream();
        renderer.WriteAnimation(frames, output, captions, new ApngOptions { FrameDelay = TimeSpan.FromMilliseconds(300) });
        var decoder = new PngTestDecoder(output.ToArray());
        Assert.Equal((layout.Width, layout.Height), (decoder.Width, decoder.Height));
        var actl = decoder.Chunks.Single(c => c.Type == "acTL").Data;
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(actl));
        var sequence = decoder.Chunks.Where(c => c.Type is "fcTL" or "fdAT").Select(c => BinaryPrimitives.ReadUInt32BigEndian(c.Data)).ToList();
        Assert.Equal(Enumerable.Range(0, sequence.Count).Select(i => (uint)i), sequence);

        var decoded = decoder.DecodeFrames();
        Assert.Equal(3, decoded.Count);
        var color = PianoRollTheme.Light.TrackColor(0);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(300, decoded[i].DelayNumerator);
            for (var j = 0; j < 3; j++)
            {
                var cell = panel.Cell(j, 50 + 10 * j);
                var shown = decoded[i].Pixel(cell.X + 2, cell.Y + 2) == color;
                Assert.True(shown == (i == j), $"frame {i}: note of frame {j} shown = {shown}");
            }
        }
        // Captions differ, so the title area differs between frames; the grids' other pixels do not matter here.
        Assert.NotEqual(decoded[0].Rgba, decoded[1].Rgba);
    }

    [Fact]
    public void AnimationRefusesMoreFramesThanAllowed()
    {
        using var output = new MemoryStream();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PianoRollRenderer().WriteAnimation(Frames(), output, null, new ApngOptions { MaxFrames = 2 }));
        Assert.Contains("MaxFrames", ex.Message);
        Assert.Equal(0, output.Length); // refused before anything was written
    }

    [Fact]
    public void AnimationOfZeroStepFramesIsAnArgumentError() =>
        Assert.Throws<ArgumentException>(() => new PianoRollRenderer().WriteAnimation([new Multitrack(0)], new MemoryStream()));
}
