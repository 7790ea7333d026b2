namespace Cantus.Gan.Composing;

/// <summary>
/// Turns one generated voice's scores (the generator's tanh outputs, steps × 128 pitches, −∞ where
/// nothing was generated) into notes. Raw: every cell above the threshold sounds (the lab's
/// binarisation). Clean-up (the default) decodes the best singable line (Viterbi over the steps):
/// the line that maximises the summed margin (score − threshold) of the cells it sounds, a rest
/// scoring 0, under the rules of a chorale voice:
/// 1. at most one pitch sounds per step; the candidates of a step are its <see cref="CandidatesPerStep"/>
///    strongest cells;
/// 2. below the melody: a candidate at or above the melody's lowest sounding pitch moves down by
///    octaves until it is below (keeping its pitch class, so the harmony stays);
/// 3. no parallel fifths or octaves with the melody's top line (the rule of counterpoint the
///    metric of the same name checks): a move that reaches the same perfect interval (unison/octave
///    or fifth, modulo 12) as at the previous step, both lines moving in the same direction, is not
///    allowed;
/// 4. no one-step fragments: every note lasts at least two steps (an eighth); Bach's inner voices
///    hardly ever have sixteenth notes, the raw GAN many;
/// 5. in the melody's key (soft): a candidate off the major scale that fits the melody around
///    the step (<see cref="MelodyScale"/>) has its margin lowered by the key penalty, so it
///    sounds only where the generator is clearly for it (a leading tone in minor, a chromatic
///    passing note) and not where it merely smears between neighbouring pitches.
/// Unlike a step-by-step choice, the decode keeps a line moving where the strongest cell of a step
/// would break it: a weak fragment gives way to the second candidate or to the neighbouring notes.
/// </summary>
internal static class VoiceCleanup
{
    public const int Pitches = 128;

    /// <summary>Candidates kept per step (the strongest cells after the octave moves).</summary>
    public const int CandidatesPerStep = 8;

    private const int Rest = -1;

    /// <summary>
    /// scores: (steps, 128); melodyLowest / melodyTop: the melody's lowest / highest sounding pitch
    /// per step, −1 when silent; scale: the melody's scale per step as a pitch-class mask (0: none;
    /// empty span: no key rule). Returns the sounding cells as a (steps, 128) bool grid.
    /// </summary>
    public static bool[] Apply(ReadOnlySpan<float> scores, ReadOnlySpan<int> melodyLowest, ReadOnlySpan<int> melodyTop, float threshold, bool raw,
        ReadOnlySpan<int> scale = default, float keyPenalty = 0)
    {
        var steps = melodyLowest.Length;
        var active = new bool[steps * Pitches];
        if (raw)
        {
            for (var i = 0; i < active.Length; i++) active[i] = scores[i] > threshold;
            return active;
        }
        var line = Decode(scores, melodyLowest, melodyTop, threshold, scale, keyPenalty);
        for (var t = 0; t < steps; t++)
            if (line[t] >= 0) active[t * Pitches + line[t]] = true;
        return active;
    }

    /// <summary>The decoded line: a pitch or −1 (rest) per step.</summary>
    internal static int[] Decode(ReadOnlySpan<float> scores, ReadOnlySpan<int> melodyLowest, ReadOnlySpan<int> melodyTop, float threshold,
        ReadOnlySpan<int> scale = default, float keyPenalty = 0)
    {
        var steps = melodyLowest.Length;
        const int k = CandidatesPerStep;
        // Per step: candidate pitches and margins; value and back pointer of the states
        // "candidate i, first step of its note" (onset), "candidate i, held" and "rest".
        var pitch = new int[steps * k];
        var margin = new float[steps * k];
        var count = new int[steps];
        var onset = new double[steps * k];
        var held = new double[steps * k];
        var rest = new double[steps];
        var onsetFrom = new int[steps * k]; // previous candidate (held) or −1 for rest
        var heldFrom = new int[steps * k];  // previous candidate; +k: it was in its onset step
        var restFrom = new int[steps];      // previous candidate (held) or −1 for rest
        Span<float> best = stackalloc float[Pitches];
        for (var t = 0; t < steps; t++)
        {
            // Candidates: the strongest cells after moving below the melody (a collision keeps the stronger).
            best.Fill(float.NegativeInfinity);
            var row = scores.Slice(t * Pitches, Pitches);
            for (var p = 0; p < Pitches; p++)
            {
                if (!(row[p] > float.NegativeInfinity)) continue;
                var q = p;
                if (melodyLowest[t] >= 0)
                    while (q >= melodyLowest[t]) q -= 12;
                if (q >= 0 && row[p] > best[q]) best[q] = row[p];
            }
            var n = 0;
            for (var p = 0; p < Pitches; p++)
            {
                if (float.IsNegativeInfinity(best[p])) continue;
                var s = best[p] - threshold;
                if (keyPenalty != 0 && !scale.IsEmpty && scale[t] != 0 && (scale[t] >> (p % 12) & 1) == 0) s -= keyPenalty;
                var at = n < k ? n++ : k;
                if (at == k)
                {
                    var weakest = 0;
                    for (var i = 1; i < k; i++) if (margin[t * k + i] < margin[t * k + weakest]) weakest = i;
                    if (s <= margin[t * k + weakest]) continue;
                    at = weakest;
                }
                pitch[t * k + at] = p;
                margin[t * k + at] = s;
            }
            count[t] = n;

            // Rest: after a rest or a note that lasted at least two steps.
            double restValue = t == 0 ? 0 : rest[t - 1];
            var restBack = Rest;
            if (t > 0)
                for (var j = 0; j < count[t - 1]; j++)
                    if (held[(t - 1) * k + j] > restValue) { restValue = held[(t - 1) * k + j]; restBack = j; }
            rest[t] = restValue;
            restFrom[t] = restBack;

            for (var i = 0; i < n; i++)
            {
                var p = pitch[t * k + i];
                var m = margin[t * k + i];
                // Onset: after a rest, or after another pitch held at least two steps, unless parallel.
                double o = t == 0 ? 0 : rest[t - 1];
                var oBack = Rest;
                if (t > 0)
                    for (var j = 0; j < count[t - 1]; j++)
                    {
                        var q = pitch[(t - 1) * k + j];
                        if (q == p || IsParallel(melodyTop[t - 1], q, melodyTop[t], p)) continue;
                        if (held[(t - 1) * k + j] > o) { o = held[(t - 1) * k + j]; oBack = j; }
                    }
                onset[t * k + i] = o + m;
                onsetFrom[t * k + i] = oBack;
                // Held: the same pitch sounded at the previous step (its onset or later).
                var h = double.NegativeInfinity;
                var hBack = 0;
                if (t > 0)
                    for (var j = 0; j < count[t - 1]; j++)
                    {
                        if (pitch[(t - 1) * k + j] != p) continue;
                        if (held[(t - 1) * k + j] > h) { h = held[(t - 1) * k + j]; hBack = j; }
                        if (onset[(t - 1) * k + j] > h) { h = onset[(t - 1) * k + j]; hBack = j + k; }
                    }
                held[t * k + i] = h + m;
                heldFrom[t * k + i] = hBack;
            }
        }

        // Back from the best final state (a rest or a held note; an onset would be a one-step note).
        var line = new int[steps];
        if (steps == 0) return line;
        var state = Rest;
        var inOnset = false;
        var value = rest[steps - 1];
        for (var j = 0; j < count[steps - 1]; j++)
            if (held[(steps - 1) * k + j] > value) { value = held[(steps - 1) * k + j]; state = j; }
        for (var t = steps - 1; t >= 0; t--)
        {
            if (state == Rest)
            {
                line[t] = Rest;
                state = restFrom[t];
                inOnset = false;
                continue;
            }
            line[t] = pitch[t * k + state];
            if (inOnset)
            {
                state = onsetFrom[t * k + state];
                inOnset = false;
            }
            else
            {
                var from = heldFrom[t * k + state];
                inOnset = from >= k;
                state = from % k;
            }
        }
        return line;
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
