using System.Runtime.Intrinsics;

namespace Cantus.Music.Images;

/// <summary>
/// Scanline filters of PNG filter method 0 (PNG spec §9.2). For byte x of the row: a is the
/// byte bpp positions to the left (0 before the row starts), b the byte above (0 on the first
/// row), c the byte above a. The encoder writes filter(x) modulo 256.
/// </summary>
internal static class PngFilter
{
    /// <summary>
    /// Writes the <paramref name="type"/>-filtered <paramref name="row"/> into <paramref name="destination"/>;
    /// <paramref name="prior"/> is the previous unfiltered row, empty for the first row; <paramref name="bpp"/> bytes per pixel.
    /// </summary>
    public static void Apply(PngFilterStrategy type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> destination)
    {
        if (Vector128.IsHardwareAccelerated) PngFilterVector.Apply(type, row, prior, bpp, destination);
        else ApplyReference(type, row, prior, bpp, destination);
    }

    /// <summary>The scalar reference of <see cref="Apply"/>, one byte at a time straight from §9.2.</summary>
    public static void ApplyReference(PngFilterStrategy type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> destination)
    {
        var n = row.Length;
        var hasPrior = !prior.IsEmpty;
        switch (type)
        {
            case PngFilterStrategy.None:
                row.CopyTo(destination);
                break;
            case PngFilterStrategy.Sub:
                row[..Math.Min(bpp, n)].CopyTo(destination);
                for (var i = bpp; i < n; i++) destination[i] = (byte)(row[i] - row[i - bpp]);
                break;
            case PngFilterStrategy.Up:
                if (!hasPrior) { row.CopyTo(destination); break; }
                for (var i = 0; i < n; i++) destination[i] = (byte)(row[i] - prior[i]);
                break;
            case PngFilterStrategy.Average:
                for (var i = 0; i < n; i++)
                {
                    var a = i >= bpp ? row[i - bpp] : 0;
                    var b = hasPrior ? prior[i] : 0;
                    destination[i] = (byte)(row[i] - ((a + b) >> 1));
                }
                break;
            case PngFilterStrategy.Paeth:
                for (var i = 0; i < n; i++)
                {
                    var a = i >= bpp ? row[i - bpp] : 0;
                    var b = hasPrior ? prior[i] : 0;
                    var c = i >= bpp && hasPrior ? prior[i - bpp] : 0;
                    destination[i] = (byte)(row[i] - PaethPredictor(a, b, c));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Not a single filter type.");
        }
    }

    /// <summary>
    /// Filters <paramref name="row"/> with each of the five types and keeps the one whose bytes,
    /// read as signed, have the smallest sum of absolute values (§12.8); ties go to the lower type.
    /// <paramref name="destination"/> receives the best filtered row; <paramref name="scratch"/> is
    /// work space of the row's length. Returns the type chosen.
    /// </summary>
    public static PngFilterStrategy ApplyAdaptive(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> destination, Span<byte> scratch)
    {
        var best = PngFilterStrategy.None;
        var bestSum = long.MaxValue;
        for (var t = PngFilterStrategy.None; t <= PngFilterStrategy.Paeth; t++)
        {
            Apply(t, row, prior, bpp, scratch);
            var sum = Vector128.IsHardwareAccelerated ? PngFilterVector.SumOfAbsoluteSignedBytes(scratch) : SumOfAbsoluteSignedBytes(scratch);
            if (sum < bestSum)
            {
                bestSum = sum;
                best = t;
                scratch.CopyTo(destination);
            }
        }
        return best;
    }

    /// <summary>Σ |(sbyte)x| over the bytes (scalar reference of <see cref="PngFilterVector.SumOfAbsoluteSignedBytes"/>).</summary>
    public static long SumOfAbsoluteSignedBytes(ReadOnlySpan<byte> bytes)
    {
        long sum = 0;
        foreach (var x in bytes) sum += Math.Abs((int)(sbyte)x);
        return sum;
    }

    /// <summary>PaethPredictor(a, b, c) of §9.4: whichever of a, b, c is nearest to a + b − c, ties in that order.</summary>
    public static int PaethPredictor(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
