using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>Small builders for hand-made piano-roll fixtures.</summary>
internal static class Rolls
{
    /// <summary>Sets pitch active (velocity 100) on steps [start, start + length).</summary>
    public static PianoRollTrack Note(this PianoRollTrack track, int pitch, int start, int length = 1)
    {
        for (var t = start; t < start + length; t++) track[t, pitch] = 100;
        return track;
    }

    /// <summary>A monophonic line: pitches[t] sounds at step t, −1 is a rest.</summary>
    public static PianoRollTrack Line(params int[] pitches)
    {
        var track = new PianoRollTrack(pitches.Length);
        for (var t = 0; t < pitches.Length; t++)
        {
            if (pitches[t] >= 0) track[t, pitches[t]] = 100;
        }
        return track;
    }

    /// <summary>A multitrack of the given tracks (all of equal length).</summary>
    public static Multitrack Sample(params PianoRollTrack[] tracks)
    {
        var m = new Multitrack(tracks.Length == 0 ? 0 : tracks[0].Steps);
        foreach (var t in tracks) m.Add(t);
        return m;
    }
}
