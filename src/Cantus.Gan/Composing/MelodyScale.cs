using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Composing;

/// <summary>
/// The major scale (as a 12-bit pitch-class mask, bit k = pitch class k) that best fits the
/// melody around each step: of the 12 major scales, the one holding the most sounding melody
/// cells within <c>radius</c> steps either side; ties go to the scale whose tonic triad holds
/// the most cells, then to the lowest tonic. 0 where the melody is silent in that span.
/// A minor key's notes lie in its relative major, so its raised seventh counts as off the
/// scale; the clean-up's key penalty is soft for that reason (a strong leading tone survives).
/// </summary>
internal static class MelodyScale
{
    /// <summary>The C-major mask: C D E F G A B.</summary>
    public const int CMajor = (1 << 0) | (1 << 2) | (1 << 4) | (1 << 5) | (1 << 7) | (1 << 9) | (1 << 11);

    /// <summary>The mask of the major scale on <paramref name="tonic"/> (a pitch class).</summary>
    public static int Major(int tonic) => ((CMajor << tonic) | (CMajor >> (12 - tonic))) & 0xFFF;

    public static int[] PerStep(PianoRollTrack melody, int radius)
    {
        ArgumentNullException.ThrowIfNull(melody);
        var steps = melody.Steps;
        // prefix[t, pc]: sounding cells of pitch class pc in steps 0..t-1.
        var prefix = new int[(steps + 1) * 12];
        for (var t = 0; t < steps; t++)
        {
            prefix.AsSpan(t * 12, 12).CopyTo(prefix.AsSpan((t + 1) * 12, 12));
            var cells = melody.StepCells(t);
            for (var p = 0; p < cells.Length; p++)
                if (cells[p] != 0) prefix[(t + 1) * 12 + p % 12]++;
        }
        var masks = new int[steps];
        Span<int> counts = stackalloc int[12];
        for (var t = 0; t < steps; t++)
        {
            int from = Math.Max(0, t - radius), to = Math.Min(steps, t + radius + 1);
            var total = 0;
            for (var pc = 0; pc < 12; pc++)
            {
                counts[pc] = prefix[to * 12 + pc] - prefix[from * 12 + pc];
                total += counts[pc];
            }
            if (total == 0) continue;
            long best = -1;
            for (var tonic = 0; tonic < 12; tonic++)
            {
                var mask = Major(tonic);
                var inScale = 0;
                for (var pc = 0; pc < 12; pc++)
                    if ((mask >> pc & 1) != 0) inScale += counts[pc];
                var triad = counts[tonic] + counts[(tonic + 4) % 12] + counts[(tonic + 7) % 12];
                var score = (long)inScale * 1_000_000 + triad * 100 + (11 - tonic);
                if (score > best)
                {
                    best = score;
                    masks[t] = mask;
                }
            }
        }
        return masks;
    }
}
