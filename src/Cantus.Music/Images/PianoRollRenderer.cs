using Cantus.Music.PianoRolls;

namespace Cantus.Music.Images;

/// <summary>
/// Draws piano rolls: time runs left to right (one column of <see cref="PianoRollRenderOptions.PixelsPerStep"/>
/// pixels per step), pitch bottom to top; each track's active cells in its theme colour over a
/// grid with bar and beat lines, shaded black-key rows, C labels and a legend. Several
/// multitracks make a grid of panels; a series of them makes an animated PNG.
/// </summary>
public sealed class PianoRollRenderer
{
    /// <summary>Creates a renderer with <paramref name="options"/> (default <see cref="PianoRollRenderOptions.Default"/>).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PianoRollRenderer(PianoRollRenderOptions? options = null)
    {
        Options = options ?? PianoRollRenderOptions.Default;
        Options.Validate();
    }

    /// <summary>The settings in use.</summary>
    public PianoRollRenderOptions Options { get; }

    /// <summary>The geometry <see cref="Render(IReadOnlyList{Multitrack}, string?, IReadOnlyList{string}?)"/> would use.</summary>
    /// <exception cref="ArgumentException">No multitracks, one has zero steps, the titles do not match, or the picture would exceed <see cref="PianoRollRenderOptions.MaxPixels"/>.</exception>
    public PianoRollLayout Layout(IReadOnlyList<Multitrack> rolls, string? title = null, IReadOnlyList<string>? panelTitles = null)
    {
        Check(rolls, nameof(rolls));
        CheckTitles(panelTitles, rolls.Count, nameof(panelTitles));
        return PianoRollLayout.Create(rolls, rolls, title, panelTitles, Options);
    }

    /// <summary>Draws one multitrack.</summary>
    /// <exception cref="ArgumentException">The multitrack has zero steps or the picture would be too large.</exception>
    public RasterImage Render(Multitrack roll, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(roll);
        return Render([roll], title);
    }

    /// <summary>Draws the multitracks as a grid of panels (row by row), with an optional title over all and one per panel.</summary>
    /// <exception cref="ArgumentException">See <see cref="Layout"/>.</exception>
    public RasterImage Render(IReadOnlyList<Multitrack> rolls, string? title = null, IReadOnlyList<string>? panelTitles = null)
    {
        var layout = Layout(rolls, title, panelTitles);
        var image = new RasterImage(layout.Width, layout.Height);
        Draw(image, layout, rolls, title);
        return image;
    }

    /// <summary>The common geometry of every frame of <see cref="WriteAnimation"/>.</summary>
    /// <exception cref="ArgumentException">See <see cref="WriteAnimation"/>.</exception>
    public PianoRollLayout AnimationLayout(IReadOnlyList<Multitrack> frames, IReadOnlyList<string>? captions = null)
    {
        Check(frames, nameof(frames));
        CheckTitles(captions, frames.Count, nameof(captions));
        var widest = captions?.MaxBy(c => c.Length);
        return PianoRollLayout.Create([frames[0]], frames, widest, null, Options);
    }

    /// <summary>
    /// Writes an animated PNG with one frame per multitrack (e.g. a generator's output for one
    /// input at successive training iterations), each with its caption. All frames share one
    /// geometry: the pitch range and length cover every frame. Frames are drawn one at a time.
    /// </summary>
    /// <exception cref="ArgumentException">No frames, a frame with zero steps, captions not one per frame, too many frames (<see cref="ApngOptions.MaxFrames"/>) or a frame over <see cref="PianoRollRenderOptions.MaxPixels"/>.</exception>
    public void WriteAnimation(IReadOnlyList<Multitrack> frames, Stream output, IReadOnlyList<string>? captions = null, ApngOptions? apng = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var layout = AnimationLayout(frames, captions);
        var encoder = new ApngEncoder(output, layout.Width, layout.Height, frames.Count, apng);
        var canvas = new RasterImage(layout.Width, layout.Height);
        for (var i = 0; i < frames.Count; i++)
        {
            Draw(canvas, layout, [frames[i]], captions?[i]);
            encoder.WriteFrame(canvas);
        }
        encoder.Complete();
    }

    private void Draw(RasterImage image, PianoRollLayout layout, IReadOnlyList<Multitrack> rolls, string? title)
    {
        var theme = Options.Theme;
        var s = Options.TextScale;
        image.Fill(theme.Background);
        if (title is not null) image.DrawText(layout.TitleX, layout.TitleY, title, theme.Text, 2 * s);
        foreach (var e in layout.Legend)
        {
            image.FillRect(e.Swatch, e.Color);
            image.DrawText(e.TextX, e.TextY, e.Name, theme.Text, s);
        }
        foreach (var label in layout.Labels) image.DrawText(label.X, label.Y, label.Text, theme.Text, s);
        foreach (var panel in layout.Panels)
        {
            var roll = rolls[panel.Sample];
            PianoRollPainter.DrawGrid(image, panel, roll, Options);
            for (var t = 0; t < roll.Tracks.Count; t++)
                if (panel.Track is null || panel.Track == t)
                    PianoRollPainter.DrawNotes(image, panel, roll.Tracks[t], theme.TrackColor(t), Options);
            PianoRollPainter.DrawAxes(image, panel, roll, Options);
        }
    }

    private static void Check(IReadOnlyList<Multitrack> rolls, string name)
    {
        ArgumentNullException.ThrowIfNull(rolls, name);
        if (rolls.Count == 0) throw new ArgumentException("Nothing to draw: the list of multitracks is empty.", name);
        for (var i = 0; i < rolls.Count; i++)
        {
            if (rolls[i] is null) throw new ArgumentException($"Multitrack {i} is null.", name);
            if (rolls[i].Steps == 0) throw new ArgumentException($"Multitrack {i} has zero steps; there is nothing to draw.", name);
        }
    }

    private static void CheckTitles(IReadOnlyList<string>? titles, int count, string name)
    {
        if (titles is null) return;
        if (titles.Count != count) throw new ArgumentException($"{titles.Count} titles for {count} multitracks; give one per multitrack.", name);
        if (titles.Any(t => t is null)) throw new ArgumentException("A title is null.", name);
    }
}
