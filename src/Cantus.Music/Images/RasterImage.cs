namespace Cantus.Music.Images;

/// <summary>
/// A raster of RGBA pixels, 8 bits per channel, stored row-major from the top-left corner
/// (the byte order of a PNG RGBA scanline). Drawing clips to the image and replaces pixels
/// (no alpha blending), so what is drawn is exactly what the PNG holds.
/// </summary>
public sealed class RasterImage
{
    /// <summary>Largest pixel count of one image, 2^28 (1 GiB of RGBA), under .NET's array limit.</summary>
    public const long MaxPixelCount = 1L << 28;

    private readonly byte[] _pixels;

    /// <summary>Creates a <paramref name="width"/> × <paramref name="height"/> image filled with <paramref name="fill"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is below 1 or width·height exceeds <see cref="MaxPixelCount"/>.</exception>
    public RasterImage(int width, int height, Rgba fill = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if ((long)width * height > MaxPixelCount)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}×{height} pixels exceed the limit of {MaxPixelCount} pixels.");
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 4];
        if (fill != default) Fill(fill);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>All pixels, RGBA, row-major, Width·Height·4 bytes.</summary>
    public Span<byte> Pixels => _pixels;

    /// <summary>The Width·4 bytes of row <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">y is outside the image.</exception>
    public Span<byte> Row(int y)
    {
        if ((uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(y), y, $"Row must be in [0, {Height}).");
        return _pixels.AsSpan(y * Width * 4, Width * 4);
    }

    /// <summary>The pixel at column x, row y.</summary>
    /// <exception cref="ArgumentOutOfRangeException">(x, y) is outside the image.</exception>
    public Rgba this[int x, int y]
    {
        get
        {
            var i = Index(x, y);
            return new Rgba(_pixels[i], _pixels[i + 1], _pixels[i + 2], _pixels[i + 3]);
        }
        set
        {
            var i = Index(x, y);
            Put(i, value);
        }
    }

    /// <summary>True when every pixel has alpha 255.</summary>
    public bool IsOpaque
    {
        get
        {
            for (var i = 3; i < _pixels.Length; i += 4)
                if (_pixels[i] != 255) return false;
            return true;
        }
    }

    /// <summary>Sets every pixel to <paramref name="color"/>.</summary>
    public void Fill(Rgba color) => FillRect(new PixelRect(0, 0, Width, Height), color);

    /// <summary>Sets the pixels of <paramref name="rect"/> that lie inside the image.</summary>
    public void FillRect(PixelRect rect, Rgba color)
    {
        var x0 = Math.Max(rect.X, 0);
        var y0 = Math.Max(rect.Y, 0);
        var x1 = (int)Math.Min((long)rect.X + rect.Width, Width);
        var y1 = (int)Math.Min((long)rect.Y + rect.Height, Height);
        if (x1 <= x0 || y1 <= y0) return;
        // Fill the first row pixel by pixel, then copy it: rows are contiguous spans.
        var first = _pixels.AsSpan((y0 * Width + x0) * 4, (x1 - x0) * 4);
        for (var i = 0; i < first.Length; i += 4)
        {
            first[i] = color.R; first[i + 1] = color.G; first[i + 2] = color.B; first[i + 3] = color.A;
        }
        for (var y = y0 + 1; y < y1; y++)
            first.CopyTo(_pixels.AsSpan((y * Width + x0) * 4));
    }

    /// <summary>Sets the pixels of the rectangle (x, y, width, height) that lie inside the image.</summary>
    public void FillRect(int x, int y, int width, int height, Rgba color) => FillRect(new PixelRect(x, y, width, height), color);

    /// <summary>Draws the 1-pixel outline just inside <paramref name="rect"/>.</summary>
    public void DrawRect(PixelRect rect, Rgba color)
    {
        if (rect.IsEmpty) return;
        FillRect(rect.X, rect.Y, rect.Width, 1, color);
        FillRect(rect.X, rect.Bottom - 1, rect.Width, 1, color);
        FillRect(rect.X, rect.Y, 1, rect.Height, color);
        FillRect(rect.Right - 1, rect.Y, 1, rect.Height, color);
    }

    /// <summary>Draws a 1-pixel line from (x0, y0) to (x1, y1), both ends included (Bresenham's algorithm).</summary>
    public void DrawLine(int x0, int y0, int x1, int y1, Rgba color)
    {
        long dx = Math.Abs((long)x1 - x0), dy = -Math.Abs((long)y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        var err = dx + dy;
        while (true)
        {
            if ((uint)x0 < (uint)Width && (uint)y0 < (uint)Height) Put((y0 * Width + x0) * 4, color);
            if (x0 == x1 && y0 == y1) return;
            var e2 = 2 * err;
            if (e2 >= dy) { err += dy; x0 += sx; }
            if (e2 <= dx) { err += dx; y0 += sy; }
        }
    }

    /// <summary>
    /// Draws <paramref name="text"/> in the built-in 5×7 font with its top-left corner at (x, y),
    /// each font pixel a <paramref name="scale"/>×<paramref name="scale"/> square; returns the advance, 6·scale per character.
    /// Characters outside printable ASCII are drawn as '?'.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">scale is below 1 or above 16.</exception>
    public int DrawText(int x, int y, string text, Rgba color, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckScale(scale);
        var cx = x;
        foreach (var ch in text)
        {
            var glyph = BitmapFont.Glyph(ch);
            for (var col = 0; col < BitmapFont.GlyphWidth; col++)
            {
                var bits = glyph[col];
                for (var row = 0; row < BitmapFont.GlyphHeight; row++)
                    if ((bits >> row & 1) != 0) FillRect(cx + col * scale, y + row * scale, scale, scale, color);
            }
            cx += BitmapFont.Advance * scale;
        }
        return cx - x;
    }

    /// <summary>Size in pixels of <paramref name="text"/> drawn by <see cref="DrawText"/>: (6·n − 1)·scale × 7·scale, 0 wide when empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException">scale is below 1 or above 16.</exception>
    public static (int Width, int Height) MeasureText(string text, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckScale(scale);
        var width = text.Length == 0 ? 0 : (text.Length * BitmapFont.Advance - 1) * scale;
        return (width, BitmapFont.GlyphHeight * scale);
    }

    private static void CheckScale(int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 16);
    }

    private void Put(int i, Rgba c)
    {
        _pixels[i] = c.R; _pixels[i + 1] = c.G; _pixels[i + 2] = c.B; _pixels[i + 3] = c.A;
    }

    private int Index(int x, int y)
    {
        if ((uint)x >= (uint)Width) throw new ArgumentOutOfRangeException(nameof(x), x, $"Column must be in [0, {Width}).");
        if ((uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(y), y, $"Row must be in [0, {Height}).");
        return (y * Width + x) * 4;
    }
}
