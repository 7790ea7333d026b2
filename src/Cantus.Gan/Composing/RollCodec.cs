using Cantus.Gan.Networks;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Composing;

/// <summary>
/// Between piano-roll tracks (128 pitches) and the networks' cropped (Steps, Pitches) planes in
/// {−1, +1}: row j of a plane is MIDI pitch LowestPitch + j, the lab's binarisation (sounding = +1).
/// </summary>
internal static class RollCodec
{
    /// <summary>
    /// Writes Steps steps of <paramref name="track"/> from <paramref name="start"/>
    /// (silence past its end) moved by <paramref name="shift"/> semitones into plane: (Steps, Pitches);
    /// notes that fall outside the crop are left out.
    /// </summary>
    public static void Encode(PianoRollTrack track, int start, int shift, GanArchitecture a, Span<float> plane)
    {
        plane[..(a.Steps * a.Pitches)].Fill(-1f);
        for (var t = 0; t < a.Steps; t++)
        {
            var s = start + t;
            if (s < 0 || s >= track.Steps) continue;
            var cells = track.StepCells(s);
            for (var p = 0; p < cells.Length; p++)
            {
                if (cells[p] == 0) continue;
                var j = p + shift - a.LowestPitch;
                if (j >= 0 && j < a.Pitches) plane[t * a.Pitches + j] = 1f;
            }
        }
    }

    /// <summary>
    /// Sets the cells of <paramref name="track"/> at steps <paramref name="start"/>.. where
    /// plane: (Steps, Pitches) exceeds <paramref name="threshold"/>, moved by <paramref name="shift"/> semitones;
    /// steps past the track's end and pitches outside MIDI 0..127 are dropped.
    /// </summary>
    public static void Decode(ReadOnlySpan<float> plane, int start, int shift, float threshold, GanArchitecture a, PianoRollTrack track, byte velocity = 100)
    {
        var cells = track.MutableCells;
        for (var t = 0; t < a.Steps; t++)
        {
            var s = start + t;
            if (s < 0 || s >= track.Steps) continue;
            for (var j = 0; j < a.Pitches; j++)
            {
                if (!(plane[t * a.Pitches + j] > threshold)) continue;
                var p = a.LowestPitch + j + shift;
                if (p is >= 0 and < PianoRollTrack.PitchCount) cells[s * PianoRollTrack.PitchCount + p] = velocity;
            }
        }
    }
}
