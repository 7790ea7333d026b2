namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// A small Schroeder/Freeverb-style reverb: per output side four damped feedback comb filters in
/// parallel, then two all-pass filters in series, fed by the mono reverb send. The right side uses
/// delay lengths 23 samples longer (Freeverb's stereo spread). Lengths are Freeverb's tunings
/// (tuned at 44.1 kHz) scaled to the sample rate. Each filter runs over the whole block at once so
/// its state stays in registers.
/// </summary>
internal sealed class Reverb
{
    private const float Feedback = 0.8f, Damping = 0.25f, AllPassFeedback = 0.5f, WetGain = 0.6f;
    private readonly float[][] _combs, _allPasses;
    private readonly int[] _combIndex, _allPassIndex;
    private readonly float[] _combFilter;
    private readonly float[] _input = new float[Synthesizer.BlockSize], _side = new float[Synthesizer.BlockSize];

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

    /// <summary>Adds the reverberated <paramref name="input"/> (at most one block) to <paramref name="left"/> and <paramref name="right"/>.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> left, Span<float> right)
    {
        var n = input.Length;
        var x = _input.AsSpan(0, n);
        for (var i = 0; i < n; i++) x[i] = input[i] * 0.25f;
        for (var side = 0; side < 2; side++)
        {
            var y = _side.AsSpan(0, n);
            y.Clear();
            for (var c = side * 4; c < side * 4 + 4; c++) Comb(c, x, y);
            for (var a = side * 2; a < side * 2 + 2; a++) AllPass(a, y);
            var output = side == 0 ? left : right;
            for (var i = 0; i < n; i++) output[i] += WetGain * y[i];
        }
    }

    /// <summary>Lowpass-feedback comb: out = line[k]; f = out·(1 − d) + f·d; line[k] = x + f·g.</summary>
    private void Comb(int c, ReadOnlySpan<float> x, Span<float> sum)
    {
        var line = _combs[c];
        var k = _combIndex[c];
        var filter = _combFilter[c];
        for (var i = 0; i < x.Length; i++)
        {
            var y = line[k];
            filter = y * (1 - Damping) + filter * Damping;
            line[k] = x[i] + filter * Feedback;
            if (++k == line.Length) k = 0;
            sum[i] += y;
        }

        _combIndex[c] = k;
        _combFilter[c] = Math.Abs(filter) < 1e-20f ? 0 : filter;
    }

    /// <summary>Freeverb all-pass: b = line[k]; line[k] = x + b·g; out = b − x.</summary>
    private void AllPass(int a, Span<float> signal)
    {
        var line = _allPasses[a];
        var k = _allPassIndex[a];
        for (var i = 0; i < signal.Length; i++)
        {
            var buffered = line[k];
            line[k] = signal[i] + buffered * AllPassFeedback;
            signal[i] = buffered - signal[i];
            if (++k == line.Length) k = 0;
        }

        _allPassIndex[a] = k;
    }
}
