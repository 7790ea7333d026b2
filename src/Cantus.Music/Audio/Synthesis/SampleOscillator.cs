using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// <exception cref="ArgumentException">The bounds are not ordered or leave no guard point after <paramref name="end"/>.</exception>
    public void Start(short[] data, int start, int end, int loopStart, int loopEnd, LoopMode mode)
    {
        // The unchecked inner loop relies on this invariant; it is cheap to check once per note.
        if (start < 0 || start > loopStart || loopStart > loopEnd || loopEnd > end || end + 2 > data.Length)
        {
            throw new ArgumentException($"Bad sample bounds {start}, {loopStart}, {loopEnd}, {end} for {data.Length} points.", nameof(data));
        }

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
    /// The block is cut into runs that cannot cross the loop end or sample end, so the inner loop
    /// has no boundary test; reads stay inside the data because every index is below an end that
    /// is at most the data length and the data carries guard points.
    /// </summary>
    public void Render(Span<float> block, double step)
    {
        var data = _data;
        var position = _position;
        var i = 0;
        while (i < block.Length && !Finished)
        {
            var looping = _mode != LoopMode.NoLoop;
            double limit = looping ? _loopEnd : _end;
            if (position >= limit)
            {
                if (!looping)
                {
                    Finished = true;
                    break;
                }

                position = _loopStart + (position - _loopStart) % (_loopEnd - _loopStart);
            }

            var count = (int)Math.Min(block.Length - i, Math.Ceiling((limit - position) / step));
            Interpolate(data, block.Slice(i, Math.Max(count, 1)), ref position, step);
            i += Math.Max(count, 1);
        }

        block[i..].Clear();
        _position = position;
    }

    /// <summary>
    /// The inner loop: linear interpolation without boundary tests (the caller bounds the run, and
    /// <see cref="Start"/> checked that a guard point follows the end). The position runs in 32.32
    /// fixed point so the loop needs no float-to-int conversion; <see cref="InterpolateReference"/>
    /// is the plain double-precision version it is tested against.
    /// </summary>
    internal static void Interpolate(short[] data, Span<float> output, ref double position, double step)
    {
        const double One = 4294967296.0;
        var p = (long)(position * One);
        var s = (long)(step * One);
        ref var d = ref MemoryMarshal.GetArrayDataReference(data);
        ref var o = ref MemoryMarshal.GetReference(output);
        for (var k = 0; k < output.Length; k++)
        {
            var index = (nint)(p >> 32);
            var fraction = (uint)p * (1f / 4294967296f);
            float a = Unsafe.Add(ref d, index), b = Unsafe.Add(ref d, index + 1);
            Unsafe.Add(ref o, k) = (a + fraction * (b - a)) * Scale;
            p += s;
        }

        position = p / One;
    }

    /// <summary>Scalar reference of <see cref="Interpolate"/>: double position, bounds-checked reads.</summary>
    internal static void InterpolateReference(short[] data, Span<float> output, ref double position, double step)
    {
        var p = position;
        for (var k = 0; k < output.Length; k++)
        {
            var index = (int)p;
            var fraction = (float)(p - index);
            float a = data[index], b = data[index + 1];
            output[k] = (a + fraction * (b - a)) * Scale;
            p += step;
        }

        position = p;
    }
}
