using Cantus.Music.PianoRolls;

namespace Cantus.Music.Metrics;

/// <summary>
/// Harmony of an accompanying voice against the melody (docs/metrics.md): each track is
/// reduced to its highest active pitch at each step (its top line), and the interval is
/// i_t = (melody_t − voice_t) mod 12, taken in [0, 12).
/// </summary>
public static class HarmonyMetrics
{
    /// <summary>Interval classes counted as consonant: unison/octave, minor and major third, fifth, minor and major sixth.</summary>
    internal const int ConsonantMask = (1 << 0) | (1 << 3) | (1 << 4) | (1 << 7) | (1 << 8) | (1 << 9);

    /// <summary>
    /// Steps where both tracks sound and i_t ∈ {0, 3, 4, 7, 8, 9} ÷ steps where both sound.
    /// The perfect fourth (5) counts as dissonant against the melody, as in species counterpoint.
    /// Undefined (null) when the tracks never sound together.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The tracks differ in length.</exception>
    public static double? ConsonanceRate(PianoRollTrack melody, PianoRollTrack voice)
    {
        var (m, v) = TopLines(melody, voice);
        int both = 0, consonant = 0;
        for (var t = 0; t < m.Length; t++)
        {
            if (m[t] < 0 || v[t] < 0) continue;
            both++;
            if ((ConsonantMask >> Interval(m[t], v[t]) & 1) != 0) consonant++;
        }
        return both == 0 ? null : (double)consonant / both;
    }

    /// <summary>
    /// Among consecutive step pairs (t, t+1) where both tracks sound at both steps and both change
    /// pitch (m_{t+1} ≠ m_t and v_{t+1} ≠ v_t), the share where the interval is 0 at both steps or
    /// 7 at both steps (i_t = i_{t+1} ∈ {0, 7}: parallel octaves/unisons or fifths, also across
    /// octaves) and both move in the same direction (sign(m_{t+1} − m_t) = sign(v_{t+1} − v_t)).
    /// Contrary and oblique motion never count, nor does an octave moving to a fifth: the metric definition's
    /// "0 or 7 at both steps" read as "the same perfect interval at both steps", which is what
    /// "parallel" means and what its Bach figure needs (JSB test split, 2-bar windows:
    /// 0 / 0.004 / 0.001 for alto / tenor / bass; the looser reading that also counts 0 → 7
    /// gives 0.004 / 0.018 / 0.058). Undefined (null) when no step pair qualifies.
    /// </summary>
    public static double? ParallelFifthsOctavesRate(PianoRollTrack melody, PianoRollTrack voice)
    {
        var (m, v) = TopLines(melody, voice);
        int moving = 0, parallel = 0;
        for (var t = 0; t + 1 < m.Length; t++)
        {
            if (m[t] < 0 || v[t] < 0 || m[t + 1] < 0 || v[t + 1] < 0) continue;
            var dm = m[t + 1] - m[t];
            var dv = v[t + 1] - v[t];
            if (dm == 0 || dv == 0) continue;
            moving++;
            var interval = Interval(m[t], v[t]);
            if (interval is 0 or 7 && Interval(m[t + 1], v[t + 1]) == interval && Math.Sign(dm) == Math.Sign(dv)) parallel++;
        }
        return moving == 0 ? null : (double)parallel / moving;
    }

    /// <summary>The highest active pitch of each step, −1 where the track is silent.</summary>
    /// <exception cref="ArgumentNullException">track is null.</exception>
    public static int[] TopLine(PianoRollTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        var line = new int[track.Steps];
        for (var t = 0; t < line.Length; t++) line[t] = track.StepCells(t).LastIndexOfAnyExcept((byte)0);
        return line;
    }

    /// <summary>(melody − voice) mod 12 in [0, 12), also when the voice lies above the melody.</summary>
    internal static int Interval(int melodyPitch, int voicePitch) => ((melodyPitch - voicePitch) % 12 + 12) % 12;

    private static (int[] Melody, int[] Voice) TopLines(PianoRollTrack melody, PianoRollTrack voice)
    {
        ArgumentNullException.ThrowIfNull(melody);
        ArgumentNullException.ThrowIfNull(voice);
        if (melody.Steps != voice.Steps) throw new ArgumentException($"Tracks differ in length ({melody.Steps} and {voice.Steps} steps).", nameof(voice));
        return (TopLine(melody), TopLine(voice));
    }
}
