using Cantus.Music.PianoRolls;

namespace Cantus.Music.Images;

/// <summary>
/// The geometry of a piano-roll picture: its size and where each panel's cells lie, so callers
/// (and tests) can find the pixels of any (sample, track, step, pitch). Made by
/// <see cref="PianoRollRenderer.Layout"/>.
/// </summary>
public sealed class PianoRollLayout
{
    private const int Margin = 10;
    private const int GapX = 20;
    private const int GapY = 16;
    private const int StackGap = 6;

    private PianoRollLayout() { }

    /// <summary>Picture width in pixels.</summary>
    public int Width { get; private init; }

    /// <summary>Picture height in pixels.</summary>
    public int Height { get; private init; }

    /// <summary>All panels: per sample in order, its overlay panel or its track panels top to bottom.</summary>
    public IReadOnlyList<PianoRollPanel> Panels { get; private init; } = [];

    /// <summary>Names shown in the legend, one per track index.</summary>
    public IReadOnlyList<string> TrackNames { get; private init; } = [];

    internal int TitleX { get; private init; }
    internal int TitleY { get; private init; }
    internal IReadOnlyList<LegendEntry> Legend { get; private init; } = [];

    /// <summary>The panel that shows <paramref name="track"/> of multitrack <paramref name="sample"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No panel shows that sample and track.</exception>
    public PianoRollPanel PanelOf(int sample, int track) =>
        Panels.FirstOrDefault(p => p.Sample == sample && (p.Track is null || p.Track == track))
        ?? throw new ArgumentOutOfRangeException(nameof(sample), $"No panel shows sample {sample}, track {track}.");

    /// <summary>The pixels of cell (step, pitch) of <paramref name="track"/> in multitrack <paramref name="sample"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cell is not shown.</exception>
    public PixelRect Cell(int sample, int track, int step, int pitch) => PanelOf(sample, track).Cell(step, pitch);

    internal IReadOnlyList<TextItem> Labels { get; private init; } = [];

    internal sealed record LegendEntry(PixelRect Swatch, int TextX, int TextY, string Name, Rgba Color);

    internal sealed record TextItem(int X, int Y, string Text);

    /// <summary>
    /// Lays out <paramref name="rolls"/> in a grid. Pitch ranges, track names and the step count come
    /// from <paramref name="extent"/> (the rolls themselves, or every frame of an animation so all
    /// frames share one geometry); <paramref name="title"/> is the widest title to make room for.
    /// </summary>
    internal static PianoRollLayout Create(IReadOnlyList<Multitrack> rolls, IReadOnlyList<Multitrack> extent, string? title, IReadOnlyList<string>? panelTitles, PianoRollRenderOptions o)
    {
        var s = o.TextScale;
        var textH = 7 * s;
        var trackCount = extent.Max(r => r.Tracks.Count);
        // With no tracks at all there is nothing to stack: one empty panel per sample.
        var stacked = o.Arrangement == TrackArrangement.Stacked && trackCount > 0;
        var maxSteps = extent.Max(r => r.Steps);
        var names = Enumerable.Range(0, trackCount).Select(k => TrackName(extent, k)).ToList();
        var ranges = stacked
            ? Enumerable.Range(0, trackCount).Select(k => RangeOf(extent, k, o)).ToList()
            : [RangeOf(extent, null, o)];
        var subPanels = stacked ? trackCount : 1;

        long gridW = (long)maxSteps * o.PixelsPerStep;
        var gutter = o.ShowPitchLabels ? RasterImage.MeasureText("C-1", s).Width + 5 : 0;
        var sampleTitleH = panelTitles is null ? 0 : textH + 5;
        var subTitleH = stacked ? textH + 4 : 0;
        var barH = o.ShowBarNumbers ? textH + 4 : 0;
        // A block is as wide as its grid, or as its widest title so titles never run into the next column.
        var blockTitles = (panelTitles ?? []).Concat(stacked ? names : []);
        var titlesW = blockTitles.Select(t => (long)RasterImage.MeasureText(t, s).Width).DefaultIfEmpty(0).Max();
        long blockW = gutter + Math.Max(gridW + 2, titlesW);
        long blockH = sampleTitleH + barH + Math.Max(0, subPanels - 1) * StackGap
            + ranges.Take(subPanels).Sum(r => subTitleH + (long)r.Count * o.PixelsPerPitch + 2);

        var n = rolls.Count;
        var columns = o.Columns > 0 ? Math.Min(o.Columns, n) : (int)Math.Ceiling(Math.Sqrt(n));
        var rows = (n + columns - 1) / columns;
        var titleW = title is null ? 0 : RasterImage.MeasureText(title, 2 * s).Width;
        var entries = names.Select((name, k) => (Name: name, Color: o.Theme.TrackColor(k), W: textH + 4 + RasterImage.MeasureText(name, s).Width)).ToList();
        var legendEntryMaxW = o.ShowLegend && entries.Count > 0 ? entries.Max(e => e.W) : 0;
        long contentW = Math.Max(Math.Max(columns * blockW + (columns - 1) * GapX, titleW), legendEntryMaxW);
        long width = 2 * Margin + contentW;

        // Legend: entries flow left to right, wrapping at the content width.
        var legend = new List<LegendEntry>();
        var titleH = title is null ? 0 : 2 * textH + 8;
        var y = Margin + titleH;
        if (o.ShowLegend && entries.Count > 0)
        {
            var x = Margin;
            foreach (var (name, color, w) in entries)
            {
                if (x > Margin && x + w > Margin + contentW) { x = Margin; y += textH + 6; }
                legend.Add(new LegendEntry(new PixelRect(x, y, textH, textH), x + textH + 4, y, name, color));
                x += w + 14;
            }
            y += textH + 10;
        }
        long height = y + rows * blockH + (rows - 1) * GapY + Margin;
        if ((double)width * height > o.MaxPixels)
            throw new ArgumentException($"The picture would be {width}×{height} = {width * (double)height:0} pixels, over the limit of {o.MaxPixels} (PianoRollRenderOptions.MaxPixels).", nameof(rolls));

        var panels = new List<PianoRollPanel>();
        var labels = new List<TextItem>();
        for (var i = 0; i < n; i++)
        {
            var bx = Margin + (i % columns) * (int)(blockW + GapX);
            var by = y + (i / columns) * (int)(blockH + GapY);
            if (panelTitles is not null) labels.Add(new TextItem(bx + gutter, by, panelTitles[i]));
            var py = by + sampleTitleH;
            for (var k = 0; k < subPanels; k++)
            {
                if (stacked) labels.Add(new TextItem(bx + gutter, py, names[k]));
                var grid = new PixelRect(bx + gutter + 1, py + subTitleH + 1, (int)gridW, ranges[k].Count * o.PixelsPerPitch);
                panels.Add(new PianoRollPanel(i, stacked ? k : null, ranges[k], maxSteps, grid, o.PixelsPerStep, o.PixelsPerPitch)
                {
                    ShowsBarNumbers = k == subPanels - 1,
                });
                py = grid.Bottom + 1 + StackGap;
            }
        }
        return new PianoRollLayout
        {
            Width = (int)width, Height = (int)height, TitleX = Margin, TitleY = Margin,
            Panels = panels, TrackNames = names, Legend = legend, Labels = labels,
        };
    }

    /// <summary>The first non-empty name of track k among the rolls, else "track k+1".</summary>
    private static string TrackName(IReadOnlyList<Multitrack> rolls, int k) =>
        rolls.Where(r => r.Tracks.Count > k).Select(r => r.Tracks[k].Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? $"track {k + 1}";

    /// <summary>
    /// The given range, or the used pitches of track k (all tracks when null) ± margin, widened
    /// around its middle to the minimum span and kept inside 0..127.
    /// </summary>
    private static PitchRange RangeOf(IReadOnlyList<Multitrack> rolls, int? k, PianoRollRenderOptions o)
    {
        if (o.PitchRange is { } given) return given;
        int lo = 128, hi = -1;
        foreach (var roll in rolls)
            for (var t = 0; t < roll.Tracks.Count; t++)
            {
                if (k is { } only && t != only) continue;
                var cells = roll.Tracks[t].Cells;
                for (var i = 0; i < cells.Length; i++)
                {
                    if (cells[i] == 0) continue;
                    var p = i % PianoRollTrack.PitchCount;
                    if (p < lo) lo = p;
                    if (p > hi) hi = p;
                }
            }
        if (hi < 0) return DefaultRange(o);
        lo = Math.Max(0, lo - o.PitchMargin);
        hi = Math.Min(127, hi + o.PitchMargin);
        var need = o.MinimumPitchSpan - (hi - lo + 1);
        if (need > 0)
        {
            lo -= need / 2;
            hi += need - need / 2;
            if (lo < 0) { hi -= lo; lo = 0; }
            if (hi > 127) { lo = Math.Max(0, lo - (hi - 127)); hi = 127; }
        }
        return new PitchRange(lo, hi);
    }

    /// <summary>Nothing sounds: the minimum span starting half of it below middle C (60).</summary>
    private static PitchRange DefaultRange(PianoRollRenderOptions o)
    {
        if (o.PitchRange is { } given) return given;
        var lo = Math.Clamp(60 - o.MinimumPitchSpan / 2, 0, 128 - o.MinimumPitchSpan);
        return new PitchRange(lo, lo + o.MinimumPitchSpan - 1);
    }
}
