using System.Globalization;
using Cantus.Music.Images;

namespace Cantus.Gan.Training;

/// <summary>
/// A minimal line chart drawn with <see cref="RasterImage"/> (no plotting library is available):
/// a title, the y range at the left, the x range below, one coloured polyline per series, an
/// optional dashed horizontal reference line per series and a legend.
/// </summary>
internal sealed class LineChart
{
    private static readonly Rgba[] Palette =
    [
        Rgba.Parse("#1f77b4"), Rgba.Parse("#d62728"), Rgba.Parse("#2ca02c"), Rgba.Parse("#9467bd"), Rgba.Parse("#ff7f0e"), Rgba.Parse("#8c564b"),
    ];

    private readonly List<(string Name, List<(double X, double Y)> Points, double? Reference)> _series = [];

    public LineChart(string title, string xLabel)
    {
        Title = title;
        XLabel = xLabel;
    }

    public string Title { get; }

    public string XLabel { get; }

    public void Add(string name, IEnumerable<(double X, double Y)> points, double? reference = null) =>
        _series.Add((name, points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList(), reference));

    public RasterImage Render(int width = 720, int height = 360)
    {
        var image = new RasterImage(width, height, Rgba.White);
        var ink = Rgba.Parse("#333333");
        var grid = Rgba.Parse("#dddddd");
        const int left = 70, right = 20, top = 30, bottom = 40;
        image.DrawText(left, 8, Title, ink);
        var points = _series.SelectMany(s => s.Points).ToList();
        var ys = points.Select(p => p.Y).Concat(_series.Where(s => s.Reference is not null).Select(s => s.Reference!.Value)).ToList();
        if (points.Count == 0)
        {
            image.DrawText(left, height / 2, "no data yet", ink);
            return image;
        }
        double x0 = points.Min(p => p.X), x1 = points.Max(p => p.X), y0 = ys.Min(), y1 = ys.Max();
        if (x1 <= x0) x1 = x0 + 1;
        if (y1 <= y0) { y0 -= 0.5; y1 += 0.5; }
        var pad = (y1 - y0) * 0.05;
        y0 -= pad;
        y1 += pad;
        int plotW = width - left - right, plotH = height - top - bottom;
        int Px(double x) => left + (int)Math.Round((x - x0) / (x1 - x0) * (plotW - 1));
        int Py(double y) => top + (int)Math.Round((y1 - y) / (y1 - y0) * (plotH - 1));
        for (var i = 0; i <= 4; i++)
        {
            var y = y0 + (y1 - y0) * i / 4;
            image.DrawLine(left, Py(y), left + plotW - 1, Py(y), grid);
            image.DrawText(4, Py(y) - 3, y.ToString("G4", CultureInfo.InvariantCulture), ink);
        }
        image.DrawRect(new PixelRect(left, top, plotW, plotH), ink);
        image.DrawText(left, height - bottom + 6, x0.ToString("G6", CultureInfo.InvariantCulture), ink);
        var x1Text = x1.ToString("G6", CultureInfo.InvariantCulture);
        image.DrawText(left + plotW - RasterImage.MeasureText(x1Text).Width, height - bottom + 6, x1Text, ink);
        image.DrawText(left + plotW / 2 - RasterImage.MeasureText(XLabel).Width / 2, height - bottom + 20, XLabel, ink);
        var legendX = left + 8;
        for (var s = 0; s < _series.Count; s++)
        {
            var (name, pts, reference) = _series[s];
            var color = Palette[s % Palette.Length];
            if (reference is double r)
                for (var x = left; x < left + plotW - 6; x += 12) image.DrawLine(x, Py(r), x + 5, Py(r), color.Mix(Rgba.White, 0.3));
            for (var i = 1; i < pts.Count; i++) image.DrawLine(Px(pts[i - 1].X), Py(pts[i - 1].Y), Px(pts[i].X), Py(pts[i].Y), color);
            if (pts.Count == 1) image.FillRect(Px(pts[0].X) - 1, Py(pts[0].Y) - 1, 3, 3, color);
            image.FillRect(legendX, top + 6, 10, 3, color);
            legendX += 14 + image.DrawText(legendX + 14, top + 3, name, color) + 12;
        }
        return image;
    }
}
