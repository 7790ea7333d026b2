using Cantus.Music.PianoRolls;

namespace Cantus.Music.Images;

/// <summary>The drawing steps of one panel: background grid, notes, frame and axis labels.</summary>
internal static class PianoRollPainter
{
    /// <summary>
    /// Row backgrounds (black-key rows shaded), a line under each C (the octave boundary), then
    /// beat and bar lines in the first pixel column of the step that starts them. Notes are drawn
    /// after, so a note's cells show exactly its colour.
    /// </summary>
    public static void DrawGrid(RasterImage image, PianoRollPanel panel, Multitrack roll, PianoRollRenderOptions o)
    {
        var theme = o.Theme;
        var g = panel.Grid;
        for (var p = panel.Pitches.Lowest; p <= panel.Pitches.Highest; p++)
            image.FillRect(g.X, panel.RowY(p), g.Width, o.PixelsPerPitch, NoteNames.IsBlackKey(p) ? theme.BlackKeyRow : theme.GridBackground);
        if (o.PixelsPerPitch >= 3)
            for (var p = panel.Pitches.Lowest; p <= panel.Pitches.Highest; p++)
                if (p % 12 == 0 && p > panel.Pitches.Lowest) image.FillRect(g.X, panel.RowY(p) + o.PixelsPerPitch - 1, g.Width, 1, theme.OctaveLine);
        var beat = roll.StepsPerBeat;
        var bar = roll.StepsPerBar;
        var beats = o.ShowBeatLines && beat * o.PixelsPerStep >= 4;
        for (var step = 1; step < panel.Steps; step++)
        {
            var color = step % bar == 0 ? theme.BarLine : beats && step % beat == 0 ? theme.BeatLine : (Rgba?)null;
            if (color is { } c) image.FillRect(g.X + step * o.PixelsPerStep, g.Y, 1, g.Height, c);
        }
    }

    /// <summary>Each maximal run of sounding steps at one pitch as one rectangle (or cell by cell when shading by velocity).</summary>
    public static void DrawNotes(RasterImage image, PianoRollPanel panel, PianoRollTrack track, Rgba color, PianoRollRenderOptions o)
    {
        var cells = track.Cells;
        var steps = Math.Min(track.Steps, panel.Steps);
        for (var p = panel.Pitches.Lowest; p <= panel.Pitches.Highest; p++)
        {
            var y = panel.RowY(p);
            var step = 0;
            while (step < steps)
            {
                var v = cells[step * PianoRollTrack.PitchCount + p];
                if (v == 0) { step++; continue; }
                if (o.ShadeByVelocity)
                {
                    var background = NoteNames.IsBlackKey(p) ? o.Theme.BlackKeyRow : o.Theme.GridBackground;
                    // 0.3 + 0.7·v/127: quiet notes stay visible, velocity 127 gives the exact colour.
                    image.FillRect(panel.Grid.X + step * o.PixelsPerStep, y, o.PixelsPerStep, o.PixelsPerPitch, background.Mix(color, 0.3 + 0.7 * v / 127.0));
                    step++;
                    continue;
                }
                var end = step + 1;
                while (end < steps && cells[end * PianoRollTrack.PitchCount + p] != 0) end++;
                image.FillRect(panel.Grid.X + step * o.PixelsPerStep, y, (end - step) * o.PixelsPerStep, o.PixelsPerPitch, color);
                step = end;
            }
        }
    }

    /// <summary>The frame just outside the grid, note names at each C row on the left, bar numbers below.</summary>
    public static void DrawAxes(RasterImage image, PianoRollPanel panel, Multitrack roll, PianoRollRenderOptions o)
    {
        var theme = o.Theme;
        var g = panel.Grid;
        var s = o.TextScale;
        var textH = 7 * s;
        image.DrawRect(new PixelRect(g.X - 1, g.Y - 1, g.Width + 2, g.Height + 2), theme.Border);
        if (o.ShowPitchLabels)
        {
            var lastTop = int.MaxValue;
            for (var p = panel.Pitches.Lowest; p <= panel.Pitches.Highest; p++)
            {
                if (p % 12 != 0) continue;
                var name = NoteNames.Name(p);
                var top = panel.RowY(p) + o.PixelsPerPitch / 2 - textH / 2;
                if (top + textH + 2 > lastTop) continue; // rows too thin for every label
                image.DrawText(g.X - 4 - RasterImage.MeasureText(name, s).Width, top, name, theme.Text, s);
                lastTop = top;
            }
        }
        if (o.ShowBarNumbers && panel.ShowsBarNumbers)
        {
            var bar = roll.StepsPerBar;
            var nextFree = int.MinValue;
            for (var b = 0; (long)b * bar < panel.Steps; b++)
            {
                var x = g.X + b * bar * o.PixelsPerStep + 1;
                var text = (b + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (x < nextFree) continue; // bars too narrow for every number
                image.DrawText(x, g.Bottom + 4, text, theme.Text, s);
                nextFree = x + RasterImage.MeasureText(text, s).Width + 4 * s;
            }
        }
    }
}
