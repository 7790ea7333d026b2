using Cantus.Music.PianoRolls;

namespace Cantus.Music.Metrics;

/// <summary>
/// The per-track metrics (docs/metrics.md) for one sample. x is the track's roll,
/// T its steps, a cell is active when its velocity is non-zero, bars = floor(T / stepsPerBar)
/// (a partial bar at the end is ignored by the per-bar metrics). A metric with nothing to
/// measure returns <see langword="null"/> (undefined); the set value is then taken over the
/// samples where it is defined. The definitions follow MuseGAN (Dong et al., AAAI 2018) and
/// Yang &amp; Lerch (2018), with the changes docs/metrics.md describes (see each member).
/// </summary>
public static class TrackMetrics
{
    private const int Pitches = PianoRollTrack.PitchCount;

    /// <summary>Pitch classes of C major (C D E F G A B) as bits 0..11.</summary>
    internal const int CMajorMask = 0b1010_1011_0101;

    /// <summary>
    /// Bars with no active cell ÷ bars. What the name says: the DeepComposer lab's and
    /// MuseGAN's code return the share of non-empty bars instead.
    /// A silent track scores 1. Undefined (null) when T &lt; stepsPerBar (no whole bar).
    /// </summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stepsPerBar &lt; 1.</exception>
    public static double? EmptyBarRate(PianoRollTrack track, int stepsPerBar = 16)
    {
        var bars = Bars(track, stepsPerBar);
        if (bars == 0) return null;
        var cells = track.Cells;
        var empty = 0;
        for (var b = 0; b < bars; b++)
        {
            if (!cells.Slice(b * stepsPerBar * Pitches, stepsPerBar * Pitches).ContainsAnyExcept((byte)0)) empty++;
        }
        return (double)empty / bars;
    }

    /// <summary>
    /// Mean over bars of the number of distinct active pitches in the bar (an empty bar counts 0,
    /// a silent track scores 0). Undefined when there is no whole bar.
    /// </summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stepsPerBar &lt; 1.</exception>
    public static double? PitchesUsed(PianoRollTrack track, int stepsPerBar = 16) =>
        MeanDistinctPerBar(track, stepsPerBar, modulus: Pitches);

    /// <summary>
    /// Mean over bars of the number of distinct active pitch classes (pitch mod 12) in the bar
    /// (a silent track scores 0). Undefined when there is no whole bar.
    /// </summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stepsPerBar &lt; 1.</exception>
    public static double? PitchClassesUsed(PianoRollTrack track, int stepsPerBar = 16) =>
        MeanDistinctPerBar(track, stepsPerBar, modulus: 12);

    /// <summary>
    /// Steps with more than 2 active pitches ÷ T (all steps, not only whole bars; MuseGAN's
    /// threshold 2); a silent track scores 0. Undefined when T = 0.
    /// </summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    public static double? PolyphonicRate(PianoRollTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (track.Steps == 0) return null;
        var poly = 0;
        for (var t = 0; t < track.Steps; t++)
        {
            if (ActiveCount(track.StepCells(t)) > 2) poly++;
        }
        return (double)poly / track.Steps;
    }

    /// <summary>
    /// Active cells whose pitch class is in C major ÷ active cells (each active step of a note
    /// counts, as in the lab's and MuseGAN's code). Undefined when no cell is active.
    /// </summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    public static double? InScaleRate(PianoRollTrack track)
    {
        var h = PitchClassHistogram(track);
        var total = Sum(h);
        return total == 0 ? null : (double)InScale(h, tonic: 0) / total;
    }

    /// <summary>
    /// max over the 12 major scales s of (active cells in s ÷ active cells): the in-scale rate
    /// in the best-fitting major key ("scale consistency" of Mogren's C-RNN-GAN, 2016; a natural
    /// minor key shares its relative major's notes). Undefined when no cell is active.
    /// </summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    public static double? ScaleConsistency(PianoRollTrack track)
    {
        var h = PitchClassHistogram(track);
        var total = Sum(h);
        if (total == 0) return null;
        long best = 0;
        for (var tonic = 0; tonic < 12; tonic++) best = Math.Max(best, InScale(h, tonic));
        return (double)best / total;
    }

    /// <summary>
    /// Notes of 2 or more steps ÷ notes, a note being a maximal run of consecutive active steps
    /// at one pitch (runs are not cut at bar lines; MuseGAN's threshold 2).
    /// Undefined when there is no note.
    /// </summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    public static double? QualifiedNoteRate(PianoRollTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        var cells = track.Cells;
        int notes = 0, qualified = 0;
        for (var p = 0; p < Pitches; p++)
        {
            var run = 0;
            for (var t = 0; t <= track.Steps; t++)
            {
                if (t < track.Steps && cells[t * Pitches + p] != 0) { run++; continue; }
                if (run == 0) continue;
                notes++;
                if (run >= 2) qualified++;
                run = 0;
            }
        }
        return notes == 0 ? null : (double)qualified / notes;
    }

    /// <summary>
    /// Mean number of active pitches over the steps with at least one active pitch (1 for a
    /// monophonic line). Undefined when no step sounds.
    /// </summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    public static double? Polyphony(PianoRollTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        long active = 0;
        var sounding = 0;
        for (var t = 0; t < track.Steps; t++)
        {
            var n = ActiveCount(track.StepCells(t));
            if (n == 0) continue;
            sounding++;
            active += n;
        }
        return sounding == 0 ? null : (double)active / sounding;
    }

    /// <summary>
    /// Shannon entropy −Σ p_c log2 p_c (bits, 0 log 0 = 0) of the pitch-class histogram of the
    /// active cells, p_c = active cells of class c ÷ active cells; in [0, log2 12]
    /// (Wu &amp; Yang 2020, over the whole sample). Undefined when no cell is active.
    /// </summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    public static double? PitchClassEntropy(PianoRollTrack track)
    {
        var h = PitchClassHistogram(track);
        var total = Sum(h);
        if (total == 0) return null;
        var entropy = 0.0;
        foreach (var count in h)
        {
            if (count == 0) continue;
            var p = (double)count / total;
            entropy -= p * Math.Log2(p);
        }
        return entropy;
    }

    /// <summary>Active cells per pitch class over all steps.</summary>
    internal static long[] PitchClassHistogram(PianoRollTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        var h = new long[12];
        var cells = track.Cells;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] != 0) h[i % Pitches % 12]++;
        }
        return h;
    }

    /// <summary>Number of active cells in one step's 128 velocities.</summary>
    internal static int ActiveCount(ReadOnlySpan<byte> step) => step.Length - step.Count((byte)0);

    private static long InScale(long[] histogram, int tonic)
    {
        long inScale = 0;
        for (var pc = 0; pc < 12; pc++)
        {
            if ((CMajorMask >> ((pc - tonic + 12) % 12) & 1) != 0) inScale += histogram[pc];
        }
        return inScale;
    }

    private static long Sum(long[] values)
    {
        long s = 0;
        foreach (var v in values) s += v;
        return s;
    }

    private static int Bars(PianoRollTrack track, int stepsPerBar)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerBar, 1);
        return track.Steps / stepsPerBar;
    }

    private static double? MeanDistinctPerBar(PianoRollTrack track, int stepsPerBar, int modulus)
    {
        var bars = Bars(track, stepsPerBar);
        if (bars == 0) return null;
        var cells = track.Cells;
        Span<bool> seen = stackalloc bool[Pitches];
        long distinct = 0;
        for (var b = 0; b < bars; b++)
        {
            seen.Clear();
            var bar = cells.Slice(b * stepsPerBar * Pitches, stepsPerBar * Pitches);
            for (var i = 0; i < bar.Length; i++)
            {
                if (bar[i] == 0) continue;
                var key = i % Pitches % modulus;
                if (seen[key]) continue;
                seen[key] = true;
                distinct++;
            }
        }
        return (double)distinct / bars;
    }
}
