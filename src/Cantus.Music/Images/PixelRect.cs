namespace Cantus.Music.Images;

/// <summary>An axis-aligned rectangle of whole pixels: columns [X, X + Width), rows [Y, Y + Height).</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row (y grows downwards, as in PNG).</param>
/// <param name="Width">Width in pixels, not negative.</param>
/// <param name="Height">Height in pixels, not negative.</param>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>One past the rightmost column: X + Width.</summary>
    public int Right => X + Width;

    /// <summary>One past the bottom row: Y + Height.</summary>
    public int Bottom => Y + Height;

    /// <summary>True when the rectangle covers no pixel.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>True when pixel (x, y) lies inside.</summary>
    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;
}
