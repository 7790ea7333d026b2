namespace Cantus.Gan.Composing;

/// <summary>
/// Turns one generated voice's scores (the generator's tanh outputs, steps × 128 pitches, −∞ where
/// nothing was generated) into notes. Raw: every cell above the threshold sounds (the lab's
/// binarisation). Clean-up (the default), in this order:
/// 1. at most one pitch per step: the highest-scoring cell above the threshold;
/// 2. below the melody: a pitch at or above the melody's lowest sounding pitch at that step moves
///    down by octaves until it is below (keeping its pitch class, so the harmony stays), or is
///    dropped if that leaves MIDI 0..127;
/// 3. no one-step fragments: a note lasting a single step (a sixteenth with the same pitch neither
///    before nor after) is dropped; Bach's inner voices hardly ever have them, the raw GAN many.
/// </summary>
internal static class VoiceCleanup
{
    public const int Pitches = 128;

    /// <summary>
    /// scores: (steps, 128); melodyLowest: the melody's lowest sounding pitch per step, −1 when silent.
    /// Returns the sounding pitch per step (clean-up) as a (steps, 128) bool grid.
    /// </summary>
    public static bool[] Apply(ReadOnlySpan<float> scores, ReadOnlySpan<int> melodyLowest, float threshold, bool raw)
    {
        var steps = melodyLowest.Length;
        var active = new bool[steps * Pitches];
        if (raw)
        {
            for (var i = 0; i < active.Length; i++) active[i] = scores[i] > threshold;
            return active;
        }
        var line = new int[steps];
        for (var t = 0; t < steps; t++)
        {
            var row = scores.Slice(t * Pitches, Pitches);
            int best = -1;
            for (var p = 0; p < Pitches; p++)
                if (row[p] > threshold && (best < 0 || row[p] > row[best])) best = p;
            if (best >= 0 && melodyLowest[t] >= 0)
                while (best >= melodyLowest[t]) best -= 12;
            line[t] = best; // negative: silent
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
}
