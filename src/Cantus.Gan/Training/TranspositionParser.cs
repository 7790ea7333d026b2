using System.Globalization;
using Cantus.Music.Datasets;

namespace Cantus.Gan.Training;

/// <summary>Reads the transposition setting of <see cref="TrainingOptions"/>: "none", "all" or k (±k semitones).</summary>
internal static class TranspositionParser
{
    public static Transposition Parse(string text)
    {
        var t = (text ?? "").Trim().ToLowerInvariant();
        if (t is "none" or "0") return Transposition.None;
        if (t == "all") return Transposition.All;
        if (int.TryParse(t.TrimStart('±', '+'), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k is > 0 and <= 127) return Transposition.UpTo(k);
        throw new ArgumentException($"Transposition must be none, all or a number 1..127, not '{text}'.");
    }
}
