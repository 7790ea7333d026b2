namespace Cantus.Music.Audio.Synthesis;

/// <summary>Plain scalar mixing kernels used per block by voices and effects.</summary>
internal static class Mixer
{
    /// <summary>
    /// Adds a mono block to the stereo and send buses with a gain ramped linearly from
    /// <paramref name="gainFrom"/> (before the block) to <paramref name="gainTo"/> (at its last sample):
    /// g_i = g0 + (g1 − g0)·(i + 1)/n; left_i += x_i·g_i·panLeft, and likewise for the others.
    /// </summary>
    public static void MixRamped(
        ReadOnlySpan<float> block, float gainFrom, float gainTo, float panLeft, float panRight, float reverbSend, float chorusSend,
        Span<float> left, Span<float> right, Span<float> reverb, Span<float> chorus)
    {
        var n = block.Length;
        if (gainFrom == 0 && gainTo == 0) return;
        var delta = (gainTo - gainFrom) / n;
        var withSends = reverbSend > 0 || chorusSend > 0;
        var gain = gainFrom;
        for (var i = 0; i < n; i++)
        {
            gain += delta;
            var s = block[i] * gain;
            left[i] += s * panLeft;
            right[i] += s * panRight;
            if (withSends)
            {
                reverb[i] += s * reverbSend;
                chorus[i] += s * chorusSend;
            }
        }
    }
}
