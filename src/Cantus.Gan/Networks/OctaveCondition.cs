using Cantus.Tensors;

namespace Cantus.Gan.Networks;

/// <summary>
/// The melody as the networks see it when <see cref="GanArchitecture.ConditionOctaves"/> is k &gt; 1:
/// k channels, the melody itself and copies moved down 12, 24, … semitones (pitch rows shifted,
/// the rows left empty at the top off, −1). A 4×4 convolution sees only pitches a few rows apart,
/// so in the lab's single-channel conditioning the bass, two or three octaves below the melody,
/// is out of reach of every layer that still resolves single pitches; the octave copies put
/// the melody's pitch classes beside each voice, so consonance is a local pattern at every depth.
/// </summary>
internal static class OctaveCondition
{
    /// <summary>The "off" level of the {−1, +1} roll encoding.</summary>
    public const float Off = -1f;

    /// <summary>(N, 1, S, P) → (N, octaves, S, P); with one octave the condition itself.</summary>
    public static Tensor Expand(Tensor condition, int octaves)
    {
        if (octaves == 1) return condition;
        var n = condition.Shape[0];
        var steps = condition.Shape[2];
        var pitches = condition.Shape[3];
        var channels = new Tensor[octaves];
        channels[0] = condition;
        for (var k = 1; k < octaves; k++)
        {
            var shift = 12 * k;
            channels[k] = Tensor.Concat([condition.Narrow(3, shift, pitches - shift), Tensor.Full(Off, n, 1, steps, shift)], axis: 3);
        }
        return Tensor.Concat(channels);
    }
}
