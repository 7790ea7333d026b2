using System.Numerics;
using System.Runtime.InteropServices;

namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// Mixing kernel used per block by every voice: a SIMD version (<see cref="Vector{T}"/>) and the
/// plain scalar reference it is tested against.
/// </summary>
internal static class Mixer
{
    private static readonly Vector<float> Ramp = CreateRamp();

    /// <summary>
    /// Adds a mono block to the stereo and send buses with a gain ramped linearly from
    /// <paramref name="gainFrom"/> (before the block) to <paramref name="gainTo"/> (at its last sample):
    /// g_i = g0 + (g1 − g0)·(i + 1)/n; left_i += x_i·g_i·panLeft, and likewise for the others.
    /// All spans must be at least as long as <paramref name="block"/>.
    /// </summary>
    public static void MixRamped(
        ReadOnlySpan<float> block, float gainFrom, float gainTo, float panLeft, float panRight, float reverbSend, float chorusSend,
        Span<float> left, Span<float> right, Span<float> reverb, Span<float> chorus)
    {
        var n = block.Length;
        if (gainFrom == 0 && gainTo == 0) return;
        if (left.Length < n || right.Length < n || reverb.Length < n || chorus.Length < n) throw new ArgumentException("A bus is shorter than the block.");
        var delta = (gainTo - gainFrom) / n;
        var withSends = reverbSend > 0 || chorusSend > 0;
        var width = Vector<float>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var gain = new Vector<float>(gainFrom) + Ramp * delta;
            var step = new Vector<float>(delta * width);
            var x = MemoryMarshal.Cast<float, Vector<float>>(block);
            var l = MemoryMarshal.Cast<float, Vector<float>>(left);
            var r = MemoryMarshal.Cast<float, Vector<float>>(right);
            var rv = MemoryMarshal.Cast<float, Vector<float>>(reverb);
            var ch = MemoryMarshal.Cast<float, Vector<float>>(chorus);
            for (var v = 0; v < n / width; v++)
            {
                var s = x[v] * gain;
                l[v] += s * panLeft;
                r[v] += s * panRight;
                if (withSends)
                {
                    rv[v] += s * reverbSend;
                    ch[v] += s * chorusSend;
                }

                gain += step;
            }

            i = n / width * width;
        }

        MixScalar(block, i, gainFrom, delta, panLeft, panRight, withSends ? reverbSend : 0, withSends ? chorusSend : 0, left, right, reverb, chorus);
    }

    /// <summary>Scalar reference of <see cref="MixRamped"/> over the whole block.</summary>
    public static void MixRampedReference(
        ReadOnlySpan<float> block, float gainFrom, float gainTo, float panLeft, float panRight, float reverbSend, float chorusSend,
        Span<float> left, Span<float> right, Span<float> reverb, Span<float> chorus)
    {
        if (gainFrom == 0 && gainTo == 0) return;
        MixScalar(block, 0, gainFrom, (gainTo - gainFrom) / block.Length, panLeft, panRight, reverbSend, chorusSend, left, right, reverb, chorus);
    }

    private static void MixScalar(
        ReadOnlySpan<float> block, int from, float gainFrom, float delta, float panLeft, float panRight, float reverbSend, float chorusSend,
        Span<float> left, Span<float> right, Span<float> reverb, Span<float> chorus)
    {
        for (var i = from; i < block.Length; i++)
        {
            var s = block[i] * (gainFrom + delta * (i + 1));
            left[i] += s * panLeft;
            right[i] += s * panRight;
            if (reverbSend > 0 || chorusSend > 0)
            {
                reverb[i] += s * reverbSend;
                chorus[i] += s * chorusSend;
            }
        }
    }

    private static Vector<float> CreateRamp()
    {
        Span<float> values = stackalloc float[Vector<float>.Count];
        for (var i = 0; i < values.Length; i++) values[i] = i + 1;
        return new Vector<float>(values);
    }
}
