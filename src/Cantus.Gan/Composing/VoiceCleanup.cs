namespace Cantus.Gan.Composing;

/// <summary>
/// Turns one generated voice's scores (the generator's tanh outputs, steps × 128 pitches, −∞ where
/// nothing was generated) into notes. Raw: every cell above the threshold sounds (the lab's
/// binarisation). Clean-up (the default) makes a singable line, step by step:
/// 1. candidates are the cells above the threshold, strongest first; at most one sounds;
/// 2. below the melody: a candidate at or above the melody's lowest sounding pitch moves down by
///    octaves until it is below (keeping its pitch class, so the harmony stays);
/// 3. no parallel fifths or octaves with the melody's top line (the rule of counterpoint the
///    metric of the same name checks): a candidate that would reach the same perfect interval
///    (unison/octave or fifth, modulo 12) as at the previous step, both lines moving in the same
///    direction, is passed over for the next candidate; if none is left the step rests;
/// 4. no one-step fragments: a note lasting a single step (a sixteenth with the same pitch neither
///    before nor after) is dropped; Bach's inner voices hardly ever have them, the raw GAN many.
/// </summary>
internal static class VoiceCleanup
{
    public const int Pitches = 128;

    /// <summary>
    /// scores: (steps, 128); melodyLowest / melodyTop: the melody's lowest / highest sounding pitch
    /// per step, −1 when silent. Returns the sounding cells as a (steps, 128) bool grid.
    /// </summary>
    public static bool[] Apply(ReadOnlySpan<float> scores, ReadOnlySpan<int> melodyLowest, ReadOnlySpan<int> melodyTop, float threshold, bool raw)
    {
        var steps = melodyLowest.Length;
        var active = new bool[steps * Pitches];
        if (raw)
        {
            for (var i = 0; i < active.Length; i++) active[i] = scores[i] > threshold;
            return active;
        }
        var line = new int[steps];
        var candidates = new List<(float Score, int Pitch)>(Pitches);
        for (var t = 0; t < steps; t++)
        {
            var row = scores.Slice(t * Pitches, Pitches);
            candidates.Clear();
            for (var p = 0; p < Pitches; p++)
                if (row[p] > threshold) candidates.Add((row[p], p));
            candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
            line[t] = -1;
            foreach (var (_, candidate) in candidates)
            {
                var p = candidate;
                if (melodyLowest[t] >= 0)
                    while (p >= melodyLowest[t]) p -= 12;
                if (p < 0) continue;
                if (t > 0 && IsParallel(melodyTop[t - 1], line[t - 1], melodyTop[t], p)) continue;
                line[t] = p;
                break;
            }
        }
        for (var t = 0; t < steps; t++)
        {
            var p = line[t];
            if (p < 0) continue;
            var before = t > 0 && line[t - 1] == p;
            var after = t + 1 < steps && line[t + 1] == p;
            if (before || after) active[t * Pitches + p] = true;
        }
        return active;
    }

    /// <summary>Melody m0→m1 and voice v0→v1 both move, in the same direction, from a perfect interval (0 or 7 mod 12) to the same one.</summary>
    internal static bool IsParallel(int m0, int v0, int m1, int v1)
    {
        if (m0 < 0 || v0 < 0 || m1 < 0 || v1 < 0 || m0 == m1 || v0 == v1) return false;
        var before = ((m0 - v0) % 12 + 12) % 12;
        var after = ((m1 - v1) % 12 + 12) % 12;
        return before == after && before is 0 or 7 && Math.Sign(m1 - m0) == Math.Sign(v1 - v0);
    }
}
