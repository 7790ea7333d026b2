using Cantus.Music.Images;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Images;

public class PianoRollRendererEdgeTests
{
    [Fact]
    public void MultitrackWithoutTracksDrawsAnEmptyPanelAroundMiddleC()
    {
        foreach (var arrangement in new[] { TrackArrangement.Overlay, TrackArrangement.Stacked })
        {
            var renderer = new PianoRollRenderer(new PianoRollRenderOptions { Arrangement = arrangement });
            var layout = renderer.Layout([new Multitrack(16)]);
            var panel = Assert.Single(layout.Panels);
            Assert.Equal(new PitchRange(54, 65), panel.Pitches);
            Assert.Empty(layout.TrackNames);
            var image = renderer.Render(new Multitrack(16));
            Assert.Equal((layout.Width, layout.Height), (image.Width, image.Height));
        }
    }

    [Fact]
    public void SilentTracksGetTheDefaultRange()
    {
        var m = new Multitrack(8);
        m.AddTrack("a");
        Assert.Equal(new PitchRange(54, 65), new PianoRollRenderer().Layout([m]).Panels[0].Pitches);
    }

    [Fact]
    public void ZeroStepsIsAnArgumentError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PianoRollRenderer().Render(new Multitrack(0)));
        Assert.Contains("zero steps", ex.Message);
        Assert.Throws<ArgumentException>(() => new PianoRollRenderer().Render(Array.Empty<Multitrack>()));
    }

    [Fact]
    public void PictureOverTheLimitIsAnArgumentErrorNamingIt()
    {
        var m = new Multitrack(100_000);
        var ex = Assert.Throws<ArgumentException>(() => new PianoRollRenderer(new PianoRollRenderOptions { PixelsPerStep = 64 }).Render(m));
        Assert.Contains("MaxPixels", ex.Message);
        Assert.Contains("16777216", ex.Message);
        var small = Assert.Throws<ArgumentException>(() => new PianoRollRenderer(new PianoRollRenderOptions { MaxPixels = 1000 }).Layout([new Multitrack(4)]));
        Assert.Contains("1000", small.Message);
    }

    [Fact]
    public void HugeGridOfSamplesDoesNotOverflowTheSizeArithmetic()
    {
        // 1024 columns of 2^20-step rolls is ~4·10^9 pixels wide: must be refused, not wrapped around.
        var m = new Multitrack(1 << 20);
        var rolls = Enumerable.Repeat(m, 1024).ToArray();
        Assert.Throws<ArgumentException>(() => new PianoRollRenderer(new PianoRollRenderOptions { Columns = 1024, PixelsPerStep = 64 }).Layout(rolls));
    }

    [Theory]
    [InlineData(nameof(PianoRollRenderOptions.PixelsPerStep))]
    [InlineData(nameof(PianoRollRenderOptions.PixelsPerPitch))]
    [InlineData(nameof(PianoRollRenderOptions.TextScale))]
    [InlineData(nameof(PianoRollRenderOptions.MaxPixels))]
    public void OutOfRangeOptionsAreRejectedByName(string name)
    {
        var options = name switch
        {
            nameof(PianoRollRenderOptions.PixelsPerStep) => new PianoRollRenderOptions { PixelsPerStep = 0 },
            nameof(PianoRollRenderOptions.PixelsPerPitch) => new PianoRollRenderOptions { PixelsPerPitch = 65 },
            nameof(PianoRollRenderOptions.TextScale) => new PianoRollRenderOptions { TextScale = 5 },
            _ => new PianoRollRenderOptions { MaxPixels = 0 },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PianoRollRenderer(options));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void TitlesMustMatchTheMultitracks()
    {
        var renderer = new PianoRollRenderer();
        Assert.Throws<ArgumentException>(() => renderer.Layout([new Multitrack(4)], null, ["a", "b"]));
        Assert.Throws<ArgumentException>(() => renderer.AnimationLayout([new Multitrack(4)], []));
    }

    [Fact]
    public void LongTitleWidensThePicture()
    {
        var renderer = new PianoRollRenderer();
        var narrow = renderer.Layout([new Multitrack(4)]);
        var title = new string('x', 60);
        var wide = renderer.Layout([new Multitrack(4)], title);
        Assert.True(wide.Width >= RasterImage.MeasureText(title, 2).Width + 20);
        Assert.True(wide.Width > narrow.Width);
    }

    [Fact]
    public void LongPanelTitlesKeepColumnsApart()
    {
        var rolls = new[] { new Multitrack(4), new Multitrack(4) };
        var title = new string('w', 40);
        var layout = new PianoRollRenderer(new PianoRollRenderOptions { Columns = 2 }).Layout(rolls, null, [title, "b"]);
        Assert.True(layout.Panels[1].Grid.X - 1 > layout.Panels[0].Grid.X - 1 + RasterImage.MeasureText(title).Width);
    }

    [Theory]
    [InlineData(60, "C4")]
    [InlineData(0, "C-1")]
    [InlineData(127, "G9")]
    [InlineData(70, "A#4")]
    [InlineData(59, "B3")]
    public void NoteNamesUseMiddleCAsC4(int pitch, string name) => Assert.Equal(name, NoteNames.Name(pitch));
}
