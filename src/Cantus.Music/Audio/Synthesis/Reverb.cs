namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// A small Schroeder/Freeverb-style reverb: per output side four damped feedback comb filters in
/// parallel, then two all-pass filters in series, fed by the mono reverb send. The right side uses
/// delay lengths 23 samples longer (Freeverb's stereo spread). Lengths are Freeverb's tunings
/// (tuned at 44.1 kHz) scaled to the sample rate.
/// </summary>
internal sealed class Reverb
{
    private const float Feedback = 0.8f, Damping = 0.25f, AllPassFeedback = 0.5f, WetGain = 0.6f;
    private readonly float[][] _combs, _allPasses;
    private readonly int[] _combIndex, _allPassIndex;
    private readonly float[] _combFilter;

    public Reverb(int sampleRate)
    {
        int[] combLengths = [1116, 1188, 1277, 1356];
        int[] allPassLengths = [556, 441];
        var scale = sampleRate / 44100.0;
        _combs = new float[8][];
        _allPasses = new float[4][];
        for (var side = 0; side < 2; side++)
        {
            for (var i = 0; i < 4; i++) _combs[side * 4 + i] = new float[Math.Max(1, (int)((combLengths[i] + side * 23) * scale))];
            for (var i = 0; i < 2; i++) _allPasses[side * 2 + i] = new float[Math.Max(1, (int)((allPassLengths[i] + side * 23) * scale))];
        }

        _combIndex = new int[8];
        _allPassIndex = new int[4];
        _combFilter = new float[8];
    }

    /// <summary>Adds the reverberated <paramref name="input"/> to <paramref name="left"/> and <paramref name="right"/>.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> left, Span<float> right)
    {
        for (var i = 0; i < input.Length; i++)
        {
            var x = input[i] * 0.25f;
            left[i] += WetGain * Side(0, x);
            right[i] += WetGain * Side(1, x);
        }
    }

    private float Side(int side, float x)
    {
        float sum = 0;
        for (var c = side * 4; c < side * 4 + 4; c++)
        {
            var line = _combs[c];
            var k = _combIndex[c];
            var y = line[k];
            _combFilter[c] = y * (1 - Damping) + _combFilter[c] * Damping;
            line[k] = x + _combFilter[c] * Feedback;
            _combIndex[c] = k + 1 == line.Length ? 0 : k + 1;
            sum += y;
        }

        for (var a = side * 2; a < side * 2 + 2; a++)
        {
            var line = _allPasses[a];
            var k = _allPassIndex[a];
            var buffered = line[k];
            line[k] = sum + buffered * AllPassFeedback;
            sum = buffered - sum;
            _allPassIndex[a] = k + 1 == line.Length ? 0 : k + 1;
        }

        return Math.Abs(sum) < 1e-20f ? 0 : sum;
    }
}
