using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Cantus.Music.Images;

/// <summary>
/// 16-bytes-at-a-time versions of the PNG filters and of the adaptive heuristic's cost, for the
/// encoder's hot loop. Filtering (unlike un-filtering) reads only unfiltered bytes, so every
/// byte is independent and the whole row vectorises. <see cref="PngFilter"/> holds the scalar
/// reference these are tested against; tails shorter than a vector use it byte by byte.
/// </summary>
internal static class PngFilterVector
{
    /// <summary>Same contract and result as <see cref="PngFilter.ApplyReference"/>.</summary>
    public static void Apply(PngFilterStrategy type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> destination)
    {
        var n = row.Length;
        if (type == PngFilterStrategy.None || n < bpp + Vector128<byte>.Count || (prior.IsEmpty && type is PngFilterStrategy.Up))
        {
            PngFilter.ApplyReference(type, row, prior, bpp, destination);
            return;
        }
        if (prior.IsEmpty)
        {
            // First row: b = c = 0, so Average is x − a/2 and Paeth predicts a (or 0 = b for the first pixel).
            Span<byte> zeros = n <= 1024 ? stackalloc byte[n] : new byte[n];
            zeros.Clear();
            Apply(type, row, zeros, bpp, destination);
            return;
        }
        // The first pixel has a = c = 0: do it with the reference, then whole vectors from bpp on.
        PngFilter.ApplyReference(type, row[..bpp], prior[..bpp], bpp, destination[..bpp]);
        ref var x = ref MemoryMarshal.GetReference(row);
        ref var up = ref MemoryMarshal.GetReference(prior);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = bpp;
        var last = n - Vector128<byte>.Count;
        for (; i <= last; i += Vector128<byte>.Count)
            Filter(type, ref x, ref up, ref d, i, bpp);
        if (i < n)
        {
            // Overlapping final vector: recomputing a few bytes gives the same values.
            Filter(type, ref x, ref up, ref d, last, bpp);
        }
    }

    /// <summary>Σ |(sbyte)x|, as <see cref="PngFilter.SumOfAbsoluteSignedBytes"/>.</summary>
    public static long SumOfAbsoluteSignedBytes(ReadOnlySpan<byte> bytes)
    {
        long total = 0;
        var i = 0;
        ref var start = ref MemoryMarshal.GetReference(bytes);
        while (bytes.Length - i >= Vector128<byte>.Count)
        {
            // |(sbyte)x| = min(x, 256 − x) on bytes (0 → 0, 128 → 128); lanes summed as uint
            // in blocks short enough (≤ 4096 vectors · 510) never to overflow.
            var acc = Vector128<uint>.Zero;
            for (var k = 0; k < 4096 && bytes.Length - i >= Vector128<byte>.Count; k++, i += Vector128<byte>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                var abs = Vector128.Min(v, Vector128<byte>.Zero - v);
                var (lo, hi) = Vector128.Widen(abs);
                var (a, b) = Vector128.Widen(lo + hi);
                acc += a + b;
            }
            total += Vector128.Sum(acc);
        }
        return total + PngFilter.SumOfAbsoluteSignedBytes(bytes[i..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Filter(PngFilterStrategy type, ref byte x, ref byte up, ref byte d, int i, int bpp)
    {
        var cur = Vector128.LoadUnsafe(ref x, (nuint)i);
        var a = Vector128.LoadUnsafe(ref x, (nuint)(i - bpp));
        var b = Vector128.LoadUnsafe(ref up, (nuint)i);
        var result = type switch
        {
            PngFilterStrategy.Sub => cur - a,
            PngFilterStrategy.Up => cur - b,
            // floor((a + b) / 2) without 9-bit intermediates: (a & b) + ((a ^ b) >> 1).
            PngFilterStrategy.Average => cur - ((a & b) + Vector128.ShiftRightLogical(a ^ b, 1)),
            _ => cur - Paeth(a, b, Vector128.LoadUnsafe(ref up, (nuint)(i - bpp))),
        };
        result.StoreUnsafe(ref d, (nuint)i);
    }

    /// <summary>PaethPredictor per byte, in 16-bit lanes: pa = |b − c|, pb = |a − c|, pc = |a + b − 2c|.</summary>
    private static Vector128<byte> Paeth(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c)
    {
        var (aLo, aHi) = Vector128.Widen(a);
        var (bLo, bHi) = Vector128.Widen(b);
        var (cLo, cHi) = Vector128.Widen(c);
        return Vector128.Narrow(Paeth16(aLo.AsInt16(), bLo.AsInt16(), cLo.AsInt16()), Paeth16(aHi.AsInt16(), bHi.AsInt16(), cHi.AsInt16()));
    }

    private static Vector128<ushort> Paeth16(Vector128<short> a, Vector128<short> b, Vector128<short> c)
    {
        var pa = Vector128.Abs(b - c);
        var pb = Vector128.Abs(a - c);
        var pc = Vector128.Abs(a + b - c - c);
        var useA = Vector128.LessThanOrEqual(pa, pb) & Vector128.LessThanOrEqual(pa, pc);
        var useB = Vector128.LessThanOrEqual(pb, pc);
        return Vector128.ConditionalSelect(useA, a, Vector128.ConditionalSelect(useB, b, c)).AsUInt16();
    }
}
