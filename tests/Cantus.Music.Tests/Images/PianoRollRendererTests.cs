using Cantus.Music.Images;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Images;

public class PianoRollRendererTests
{
    private static readonly PianoRollTheme Theme = PianoRollTheme.Light;

    /// <summary>16 steps; "upper" plays D4 (62) on steps 2..5, the unnamed track G3 (55) on steps 8..9.</summary>
    private static Multitrack TwoNotes()
    {
        var m = new Multitrack(16);
        var upper = m.AddTrack("upper");
        for (var s = 2; s <= 5; s++) upper[s, 62] = 100;
        var lower = m.AddTrack();
        lower[8, 55] = 90;
        lower[9, 55] = 90;
        return m;
    }

    private static Rgba RowBackground(int pitch, PianoRollTheme? theme = null) =>
        (pitch % 12) is 1 or 3 or 6 or 8 or 10 ? (theme ?? Theme).BlackKeyRow : (theme ?? Theme).GridBackground;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoteCellsHaveTheTrackColourAndOtherCellsTheBackground(bool dark)
    {
        var theme = dark ? PianoRollTheme.Dark : PianoRollTheme.Light;
        var roll = TwoNotes();
        var renderer = new PianoRollRenderer(new PianoRollRenderOptions { Theme = theme });
        var layout = renderer.Layout([roll]);
        // Round trip through the PNG encoder and the independent decoder: what the file holds.
        var frame = new PngTestDecoder(PngEncoder.Encode(renderer.Render(roll))).DecodeImage();
        Assert.Equal((layout.Width, layout.Height), (frame.Width, frame.Height));
        var panel = Assert.Single(layout.Panels);
        Assert.Equal(new PitchRange(53, 64), panel.Pitches); // used 55..62, ± 2
        var notes = 0;
        for (var step = 0; step < 16; step++)
            for (var pitch = 53; pitch <= 64; pitch++)
            {
                var cell = panel.Cell(step, pitch);
                var upper = pitch == 62 && step is >= 2 and <= 5;
                var lower = pitch == 55 && step is 8 or 9;
                if (upper || lower)
                {
                    notes++;
                    var color = theme.TrackColor(upper ? 0 : 1);
                    for (var y = cell.Y; y < cell.Bottom; y++)
                        for (var x = cell.X; x < cell.Right; x++)
                            Assert.Equal(color, frame.Pixel(x, y));
                }
                else
                {
                    // The cell's middle is clear of the beat line (first column) and octave line (last row).
                    Assert.Equal(RowBackground(pitch, theme), frame.Pixel(cell.X + cell.Width / 2, cell.Y + cell.Height / 2));
                }
            }
        Assert.Equal(6, notes);
    }

    [Fact]
    public void CellGeometryFollowsTheOptions()
    {
        var layout = new PianoRollRenderer(new PianoRollRenderOptions { PixelsPerStep = 3, PixelsPerPitch = 7 }).Layout([TwoNotes()]);
        var p = layout.Panels[0];
        Assert.Equal(16 * 3, p.Grid.Width);
        Assert.Equal(12 * 7, p.Grid.Height);
        Assert.Equal(new PixelRect(p.Grid.X + 5 * 3, p.Grid.Y + (64 - 60) * 7, 3, 7), layout.Cell(0, 1, 5, 60));
        Assert.Equal(p.Grid.Y, layout.Cell(0, 0, 0, 64).Y);                 // highest pitch on top
        Assert.Equal(p.Grid.Bottom - 7, layout.Cell(0, 0, 0, 53).Y);        // lowest at the bottom
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Cell(16, 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Cell(0, 52));
    }

    [Theory]
    [InlineData(60, 61, 55, 66)]    // 58..63 is 6 rows; widened by 3 each side to 12
    [InlineData(1, 1, 0, 11)]       // clamped at 0, widened upwards
    [InlineData(127, 127, 116, 127)] // clamped at 127, widened downwards
    [InlineData(40, 80, 38, 82)]    // wide enough: only the margin
    public void AutomaticPitchRangeCropsToUsedPitchesWithMargin(int low, int high, int expectLow, int expectHigh)
    {
        var m = new Multitrack(4);
        var t = m.AddTrack();
        t[0, low] = 1;
        t[3, high] = 1;
        Assert.Equal(new PitchRange(expectLow, expectHigh), new PianoRollRenderer().Layout([m]).Panels[0].Pitches);
    }

    [Fact]
    public void GivenPitchRangeIsUsedAndNotesOutsideItAreNotDrawn()
    {
        var roll = TwoNotes(); // D4 (62) lies above the range
        var options = new PianoRollRenderOptions { PitchRange = new PitchRange(50, 58) };
        var renderer = new PianoRollRenderer(options);
        var panel = renderer.Layout([roll]).Panels[0];
        var image = renderer.Render(roll);
        Assert.Equal(new PitchRange(50, 58), panel.Pitches);
        var upper = Theme.TrackColor(0);
        for (var y = panel.Grid.Y; y < panel.Grid.Bottom; y++)
            for (var x = panel.Grid.X; x < panel.Grid.Right; x++)
                Assert.NotEqual(upper, image[x, y]);
        Assert.Equal(Theme.TrackColor(1), image[panel.Cell(8, 55).X + 1, panel.Cell(8, 55).Y + 1]);
    }

    [Fact]
    public void BarAndBeatLinesSitInTheFirstColumnOfTheirStep()
    {
        var roll = new Multitrack(32, timeSignature: new TimeSignature(3, 4)); // 12 steps per bar, beats every 4
        roll.AddTrack()[0, 60] = 1;
        var renderer = new PianoRollRenderer();
        var panel = renderer.Layout([roll]).Panels[0];
        var image = renderer.Render(roll);
        var y = panel.Cell(0, 64).Y + 1; // E4 row, white key, no notes
        Assert.Equal(Theme.BarLine, image[panel.Cell(12, 64).X, y]);
        Assert.Equal(Theme.BarLine, image[panel.Cell(24, 64).X, y]);
        Assert.Equal(Theme.BeatLine, image[panel.Cell(4, 64).X, y]);
        Assert.Equal(Theme.BeatLine, image[panel.Cell(16, 64).X, y]);
        Assert.Equal(Theme.GridBackground, image[panel.Cell(2, 64).X, y]);   // not a beat
        Assert.Equal(Theme.GridBackground, image[panel.Cell(12, 64).X + 1, y]); // one pixel only
        // The octave line: bottom pixel row of C5's row (between B4 and C5) when C5 is inside the range.
        Assert.Equal(Theme.OctaveLine, image[panel.Cell(2, 60).X + 2, panel.Cell(2, 60).Bottom - 1]);
    }

    [Fact]
    public void StackedArrangementGivesEachTrackItsOwnPanelAndRange()
    {
        var roll = TwoNotes();
        var renderer = new PianoRollRenderer(new PianoRollRenderOptions { Arrangement = TrackArrangement.Stacked });
        var layout = renderer.Layout([roll]);
        Assert.Equal(2, layout.Panels.Count);
        var (top, bottom) = (layout.PanelOf(0, 0), layout.PanelOf(0, 1));
        Assert.Equal((0, 1), (top.Track!.Value, bottom.Track!.Value));
        Assert.Equal(new PitchRange(57, 68), top.Pitches);     // 62 ± 2 = 60..64 (5 rows), widened by 3 below, 4 above
        Assert.Equal(new PitchRange(50, 61), bottom.Pitches);  // 55 ± 2 = 53..57, widened by 3 below, 4 above
        Assert.True(bottom.Grid.Y > top.Grid.Bottom, "panels overlap");
        var image = renderer.Render(roll);
        var c = top.Cell(3, 62);
        Assert.Equal(Theme.TrackColor(0), image[c.X + 1, c.Y + 1]);
        c = bottom.Cell(8, 55);
        Assert.Equal(Theme.TrackColor(1), image[c.X + 1, c.Y + 1]);
        // Track 1's note does not appear in track 0's panel (55 is outside it anyway) and vice versa.
        c = bottom.Cell(3, 60);
        Assert.Equal(RowBackground(60), image[c.X + 2, c.Y + 2]);
    }

    [Fact]
    public void SeveralMultitracksFormARowMajorGrid()
    {
        var rolls = new[] { TwoNotes(), TwoNotes(), TwoNotes() };
        var layout = new PianoRollRenderer().Layout(rolls, "samples", ["a", "b", "c"]);
        Assert.Equal(3, layout.Panels.Count);
        var (p0, p1, p2) = (layout.Panels[0].Grid, layout.Panels[1].Grid, layout.Panels[2].Grid); // ceil(√3) = 2 columns
        Assert.Equal(p0.Y, p1.Y);
        Assert.True(p1.X > p0.Right);
        Assert.Equal(p0.X, p2.X);
        Assert.True(p2.Y > p0.Bottom);
        var single = new PianoRollRenderer(new PianoRollRenderOptions { Columns = 3 }).Layout(rolls);
        Assert.Equal(single.Panels[0].Grid.Y, single.Panels[2].Grid.Y);
    }

    [Fact]
    public void LegendShowsEachTrackColourAndName()
    {
        var layout = new PianoRollRenderer().Layout([TwoNotes()]);
        Assert.Equal(["upper", "track 2"], layout.TrackNames);
        var image = new PianoRollRenderer().Render(TwoNotes());
        Assert.Equal(2, layout.Legend.Count);
        for (var k = 0; k < 2; k++)
        {
            var swatch = layout.Legend[k].Swatch;
            Assert.Equal(Theme.TrackColor(k), image[swatch.X + 3, swatch.Y + 3]);
        }
        Assert.True(layout.Legend[1].Swatch.X > layout.Legend[0].TextX, "legend entries overlap");
    }

    [Fact]
    public void PitchLabelIsDrawnLeftOfTheCRowOnly()
    {
        var roll = TwoNotes(); // range 53..64, one C (60)
        var renderer = new PianoRollRenderer();
        var panel = renderer.Layout([roll]).Panels[0];
        var image = renderer.Render(roll);
        bool HasText(int top, int bottom)
        {
            for (var y = top; y < bottom; y++)
                for (var x = 0; x < panel.Grid.X - 1; x++)
                    if (image[x, y] == Theme.Text) return true;
            return false;
        }
        var c4 = panel.Cell(0, 60);
        Assert.True(HasText(c4.Y - 1, c4.Bottom + 1), "no label at C4");
        Assert.False(HasText(panel.Cell(0, 64).Y, panel.Cell(0, 63).Bottom), "label beside E4/D#4");
        Assert.False(HasText(panel.Cell(0, 55).Y, panel.Grid.Bottom), "label beside G3..F3");
    }

    [Fact]
    public void VelocityShadingKeepsFullVelocityExactAndLightensQuietNotes()
    {
        var m = new Multitrack(4);
        var t = m.AddTrack();
        t[0, 60] = 127;
        t[1, 60] = 0;
        t[2, 60] = 1;
        var renderer = new PianoRollRenderer(new PianoRollRenderOptions { ShadeByVelocity = true });
        var panel = renderer.Layout([m]).Panels[0];
        var image = renderer.Render(m);
        var color = Theme.TrackColor(0);
        Assert.Equal(color, image[panel.Cell(0, 60).X + 2, panel.Cell(0, 60).Y + 2]);
        // velocity 1: background·(1 − t) + colour·t with t = 0.3 + 0.7/127.
        Assert.Equal(Theme.GridBackground.Mix(color, 0.3 + 0.7 / 127), image[panel.Cell(2, 60).X + 2, panel.Cell(2, 60).Y + 2]);
    }

    [Fact]
    public void ShorterMultitrackInAGridEndsInEmptyCells()
    {
        var longer = TwoNotes();
        var shorter = new Multitrack(8);
        var t = shorter.AddTrack();
        for (var s = 0; s < 8; s++) t[s, 60] = 1;
        var renderer = new PianoRollRenderer();
        var layout = renderer.Layout([longer, shorter]);
        Assert.Equal(16, layout.Panels[1].Steps);
        var image = renderer.Render([longer, shorter]);
        var inside = layout.Cell(1, 0, 7, 60);
        var after = layout.Cell(1, 0, 8, 60);
        Assert.Equal(Theme.TrackColor(0), image[inside.X + 2, inside.Y + 2]);
        Assert.Equal(Theme.GridBackground, image[after.X + 2, after.Y + 2]);
    }
}
