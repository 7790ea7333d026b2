namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// A simple stereo chorus: the mono chorus send is written to a delay line read by two taps whose
/// delays (about 7–13 ms) are swept by sine LFOs in quadrature at 0.4 Hz, with linear interpolation;
/// the left tap goes left and the right tap right.
/// </summary>
internal sealed class Chorus
{
    private const double RateHz = 0.4;
    private readonly float[] _line;
    private readonly double _centre, _depth, _phaseStep;
    private int _write;
    private double _phase;

    public Chorus(int sampleRate)
    {
        _line = new float[(int)(0.03 * sampleRate) + 2];
        _centre = 0.010 * sampleRate;
        _depth = 0.003 * sampleRate;
        _phaseStep = 2 * Math.PI * RateHz / sampleRate;
    }

    /// <summary>Adds the chorused <paramref name="input"/> to <paramref name="left"/> and <paramref name="right"/>.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> left, Span<float> right)
    {
        // The LFO is evaluated at the block's ends and the delays ramped between them: two sines per block, not per sample.
        var n = _line.Length;
        var next = _phase + _phaseStep * input.Length;
        double left0 = _centre + _depth * Math.Sin(_phase), right0 = _centre + _depth * Math.Cos(_phase);
        var leftStep = (_centre + _depth * Math.Sin(next) - left0) / input.Length;
        var rightStep = (_centre + _depth * Math.Cos(next) - right0) / input.Length;
        for (var i = 0; i < input.Length; i++)
        {
            _line[_write] = input[i];
            left[i] += Tap(left0 + leftStep * i, n);
            right[i] += Tap(right0 + rightStep * i, n);
            _write = _write + 1 == n ? 0 : _write + 1;
        }

        _phase = next > 2 * Math.PI ? next - 2 * Math.PI : next;
    }

    private float Tap(double delay, int n)
    {
        var position = _write - delay;
        if (position < 0) position += n;
        var index = (int)position;
        var fraction = (float)(position - index);
        var next = index + 1 == n ? 0 : index + 1;
        return _line[index] + fraction * (_line[next] - _line[index]);
    }
}
