namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// Plays a region of 16-bit sample data at a variable rate with linear interpolation, honouring
/// the loop modes of SoundFont 2.04 section 8.1.2 (sampleModes). The bounds were clamped into
/// the data at note-on and the data carries guard points, so reading index + 1 is always safe.
/// </summary>
internal sealed class SampleOscillator
{
    private const float Scale = 1f / 32768;
    private short[] _data = [];
    private int _end, _loopStart, _loopEnd;
    private double _position;
    private LoopMode _mode;

    /// <summary>True once a non-looping sample has played past its end.</summary>
    public bool Finished { get; private set; }

    /// <summary>Starts playback; all offsets are absolute indices with start ≤ loopStart ≤ loopEnd ≤ end ≤ data length.</summary>
    public void Start(short[] data, int start, int end, int loopStart, int loopEnd, LoopMode mode)
    {
        _data = data;
        _end = end;
        _loopStart = loopStart;
        _loopEnd = loopEnd;
        _mode = loopEnd - loopStart >= 2 ? mode : LoopMode.NoLoop;
        _position = start;
        Finished = start >= end;
    }

    /// <summary>Key released: a mode-3 sample leaves its loop and plays to its end.</summary>
    public void Release()
    {
        if (_mode == LoopMode.UntilRelease) _mode = LoopMode.NoLoop;
    }

    /// <summary>
    /// Fills <paramref name="block"/> advancing <paramref name="step"/> source points per output
    /// sample: s = d[i] + f·(d[i+1] − d[i]), scaled to [-1, 1). Past the end it writes zeros.
    /// </summary>
    public void Render(Span<float> block, double step)
    {
        var data = _data;
        var position = _position;
        var looping = _mode != LoopMode.NoLoop;
        var i = 0;
        if (!Finished)
        {
            for (; i < block.Length; i++)
            {
                if (looping)
                {
                    if (position >= _loopEnd) position = _loopStart + (position - _loopStart) % (_loopEnd - _loopStart);
                }
                else if (position >= _end)
                {
                    Finished = true;
                    break;
                }

                var index = (int)position;
                var fraction = (float)(position - index);
                float a = data[index], b = data[index + 1];
                block[i] = (a + fraction * (b - a)) * Scale;
                position += step;
            }
        }

        block[i..].Clear();
        _position = position;
    }
}
