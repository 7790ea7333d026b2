using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Datasets;

/// <summary>Builds small monophonic-per-track pieces for the tests.</summary>
internal static class Rolls
{
    /// <summary>A piece whose step s sounds pitch steps[s][k] in track k (-1 = silent).</summary>
    public static Multitrack FromSteps(params int[][] steps)
    {
        var tracks = steps.Length == 0 ? 1 : steps[0].Length;
        var roll = new Multitrack(steps.Length);
        for (var k = 0; k < tracks; k++)
        {
            var track = roll.AddTrack($"t{k}");
            for (var s = 0; s < steps.Length; s++)
                if (steps[s][k] >= 0) track[s, steps[s][k]] = 100;
        }
        return roll;
    }

    /// <summary>A piece of <paramref name="length"/> steps where every step sounds the same pitches.</summary>
    public static Multitrack Constant(int length, params int[] pitches) =>
        FromSteps([.. Enumerable.Range(0, length).Select(_ => pitches)]);
}
