namespace Cantus.Music.Images;

/// <summary>
/// How the PNG encoder filters each scanline before compression (PNG spec §9, filter method 0).
/// The first five apply one filter type to every row; <see cref="Adaptive"/> picks per row.
/// </summary>
public enum PngFilterStrategy
{
    /// <summary>Filter type 0: bytes unchanged.</summary>
    None = 0,

    /// <summary>Filter type 1: x − a (the byte one pixel to the left).</summary>
    Sub = 1,

    /// <summary>Filter type 2: x − b (the byte above).</summary>
    Up = 2,

    /// <summary>Filter type 3: x − floor((a + b) / 2).</summary>
    Average = 3,

    /// <summary>Filter type 4: x − PaethPredictor(a, b, c).</summary>
    Paeth = 4,

    /// <summary>
    /// Per row, the filter type with the smallest sum of absolute values of the filtered bytes
    /// read as signed (the heuristic recommended in PNG spec §12.8).
    /// </summary>
    Adaptive = 5,
}
