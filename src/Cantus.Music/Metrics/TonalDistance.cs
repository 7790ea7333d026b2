using Cantus.Music.PianoRolls;

namespace Cantus.Music.Metrics;

/// <summary>
/// Tonal distance between two tracks in the 6-D tonal centroid space of Harte, Sandler and
/// Gasser, "Detecting harmonic change in musical audio" (ACM MM AMCMM 2006), computed the way
/// MuseGAN's evaluation does (Dong et al., AAAI 2018, <c>get_harmonicity</c>/<c>tonal_dist</c>).
/// </summary>
/// <remarks>
/// For one time frame (a beat) and one track, the chroma c is the number of active cells of
/// each pitch class (pitch mod 12) in the beat's steps, normalised to sum 1. Its tonal
/// centroid is ζ = Φ c with the 6×12 matrix
/// Φ[·, l] = (r1 sin(l·7π/6), r1 cos(l·7π/6), r2 sin(l·3π/2), r2 cos(l·3π/2), r3 sin(l·2π/3), r3 cos(l·2π/3)),
/// r1 = r2 = 1, r3 = 0.5 (circle of fifths, of minor thirds, of major thirds; Harte et al. Eq. 3).
/// The beat distance is the Euclidean norm ‖ζ_a − ζ_b‖₂, defined when both tracks sound in the
/// beat. A bar's value is the mean over its beats where defined, the sample's value the mean
/// over the bars where defined (MuseGAN: per-bar <c>nanmean</c> over beats, then <c>nanmean</c>
/// over bars). Only whole bars and whole beats count. Values lie in [0, 3].
/// Two deliberate differences from MuseGAN's code: its <c>to_chroma</c> reshapes the pitch axis
/// to (12, octaves), which sums runs of adjacent pitches instead of pitch classes, so we use
/// pitch mod 12 as Harte et al. define chroma; and a bar with no defined beat is undefined
/// here, where MuseGAN scores it 0.
/// </remarks>
public static class TonalDistance
{
    /// <summary>Radius of the circle of fifths.</summary>
    public const double R1 = 1.0;

    /// <summary>Radius of the circle of minor thirds.</summary>
    public const double R2 = 1.0;

    /// <summary>Radius of the circle of major thirds.</summary>
    public const double R3 = 0.5;

    /// <summary>Dimensions of the tonal space.</summary>
    public const int Dimensions = 6;

    // Φ: (6, 12), row-major.
    private static readonly double[] Phi = BuildPhi();

    /// <summary>
    /// Tonal centroid ζ = Φ (c / Σc) of a 12-bin chroma vector (Harte et al. 2006, Eq. 2–3).
    /// </summary>
    /// <exception cref="ArgumentException">chroma does not have 12 bins, has a negative or
    /// non-finite bin, or sums to 0; or centroid is shorter than 6.</exception>
    public static void Centroid(ReadOnlySpan<double> chroma, Span<double> centroid)
    {
        if (chroma.Length != 12) throw new ArgumentException($"Chroma must have 12 bins, not {chroma.Length}.", nameof(chroma));
        if (centroid.Length < Dimensions) throw new ArgumentException("Destination must hold 6 values.", nameof(centroid));
        var sum = 0.0;
        foreach (var v in chroma)
        {
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentException("Chroma bins must be finite and non-negative.", nameof(chroma));
            sum += v;
        }
        if (sum == 0) throw new ArgumentException("The tonal centroid of a silent chroma is undefined.", nameof(chroma));
        for (var d = 0; d < Dimensions; d++)
        {
            var acc = 0.0;
            for (var l = 0; l < 12; l++) acc += Phi[d * 12 + l] * chroma[l];
            centroid[d] = acc / sum;
        }
    }

    /// <summary>
    /// Tonal distance between tracks <paramref name="a"/> and <paramref name="b"/> as described on
    /// the type: mean over bars of the mean over beats of ‖ζ_a − ζ_b‖₂. Undefined (null) when no
    /// whole beat of a whole bar has both tracks sounding.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The tracks differ in length.</exception>
    public static double? Between(PianoRollTrack a, PianoRollTrack b, MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= MetricOptions.Default;
        if (a.Steps != b.Steps) throw new ArgumentException($"Tracks differ in length ({a.Steps} and {b.Steps} steps).", nameof(b));
        var bars = a.Steps / options.StepsPerBar;
        var beatsPerBar = options.StepsPerBar / options.StepsPerBeat;
        Span<double> chromaA = stackalloc double[12], chromaB = stackalloc double[12];
        Span<double> zetaA = stackalloc double[Dimensions], zetaB = stackalloc double[Dimensions];
        var barSum = 0.0;
        var definedBars = 0;
        for (var bar = 0; bar < bars; bar++)
        {
            var beatSum = 0.0;
            var definedBeats = 0;
            for (var beat = 0; beat < beatsPerBar; beat++)
            {
                var start = bar * options.StepsPerBar + beat * options.StepsPerBeat;
                if (!BeatChroma(a, start, options.StepsPerBeat, chromaA) || !BeatChroma(b, start, options.StepsPerBeat, chromaB)) continue;
                Centroid(chromaA, zetaA);
                Centroid(chromaB, zetaB);
                beatSum += Distance(zetaA, zetaB);
                definedBeats++;
            }
            if (definedBeats == 0) continue;
            barSum += beatSum / definedBeats;
            definedBars++;
        }
        return definedBars == 0 ? null : barSum / definedBars;
    }

    /// <summary>Euclidean distance of two 6-D points.</summary>
    internal static double Distance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var s = 0.0;
        for (var d = 0; d < Dimensions; d++) s += (x[d] - y[d]) * (x[d] - y[d]);
        return Math.Sqrt(s);
    }

    /// <summary>Active cells per pitch class in steps [start, start + length); false when silent.</summary>
    private static bool BeatChroma(PianoRollTrack track, int start, int length, Span<double> chroma)
    {
        chroma.Clear();
        var any = false;
        for (var t = start; t < start + length; t++)
        {
            var cells = track.StepCells(t);
            for (var p = 0; p < cells.Length; p++)
            {
                if (cells[p] == 0) continue;
                chroma[p % 12]++;
                any = true;
            }
        }
        return any;
    }

    private static double[] BuildPhi()
    {
        // Angles per pitch class l (Harte et al. 2006, Eq. 3): fifths 7π/6, minor thirds 3π/2, major thirds 2π/3.
        var phi = new double[Dimensions * 12];
        for (var l = 0; l < 12; l++)
        {
            phi[0 * 12 + l] = R1 * Math.Sin(l * 7.0 / 6.0 * Math.PI);
            phi[1 * 12 + l] = R1 * Math.Cos(l * 7.0 / 6.0 * Math.PI);
            phi[2 * 12 + l] = R2 * Math.Sin(l * 3.0 / 2.0 * Math.PI);
            phi[3 * 12 + l] = R2 * Math.Cos(l * 3.0 / 2.0 * Math.PI);
            phi[4 * 12 + l] = R3 * Math.Sin(l * 2.0 / 3.0 * Math.PI);
            phi[5 * 12 + l] = R3 * Math.Cos(l * 2.0 / 3.0 * Math.PI);
        }
        return phi;
    }
}
