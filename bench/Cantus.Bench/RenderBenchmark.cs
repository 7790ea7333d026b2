using System.Diagnostics;
using Cantus.Music.Audio.Rendering;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.PianoRolls;

namespace Cantus.Bench;

/// <summary>
/// Issue 5's speed target: one minute of a 4-track chorale at 44.1 kHz stereo rendered at
/// ≥ 200× real time on one core (under 0.3 s), memory proportional to the output only.
/// Measured as CPU time of the rendering thread (the machine is shared), best of the runs.
/// </summary>
public static class RenderBenchmark
{
    /// <summary>The result of a run.</summary>
    public sealed record Result(string SoundFont, int Program, double AudioSeconds, double CpuSecondsBest, double RealTimeFactor, double TargetFactor, long AllocatedBytes);

    /// <summary>A 60-second, 4-voice chorale texture: quarter notes through I–IV–V–I at 100 BPM, re-struck every beat.</summary>
    public static Multitrack Chorale(int program)
    {
        var m = new Multitrack(400, stepsPerBeat: 4, tempoBpm: 100);
        int[][] chords = [[72, 67, 64, 48], [72, 69, 65, 53], [71, 67, 62, 55], [76, 67, 64, 48]];
        var tracks = Enumerable.Range(0, 4).Select(i => m.AddTrack($"voice {i}", program)).ToArray();
        for (var beat = 0; beat < 100; beat++)
            for (var v = 0; v < 4; v++)
                for (var s = 0; s < 3; s++) tracks[v][beat * 4 + s, chords[beat % 4][v]] = 80;
        return m;
    }

    /// <summary>Renders the chorale <paramref name="runs"/> times with <paramref name="font"/>.</summary>
    public static Result Run(SoundFont font, string fontLabel, int program = 0, int runs = 3)
    {
        ArgumentNullException.ThrowIfNull(font);
        var renderer = new SequenceRenderer(font, new AudioRenderOptions { ReleaseTail = TimeSpan.Zero });
        var sequence = TimedMidiSequence.FromMultitrack(Chorale(program));
        renderer.WriteWav(sequence, Stream.Null); // warm-up (JIT)
        var best = double.MaxValue;
        var allocated = long.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpuSeconds();
            renderer.WriteWav(sequence, Stream.Null);
            best = Math.Min(best, ThreadCpuSeconds() - cpu);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return new Result(fontLabel, program,
            sequence.EndSeconds, best, sequence.EndSeconds / best, 200, allocated);
    }

    /// <summary>CPU seconds of this thread (Linux /proc/thread-self/stat, 100 Hz ticks); wall time elsewhere.</summary>
    private static double ThreadCpuSeconds()
    {
        const string stat = "/proc/thread-self/stat";
        if (!File.Exists(stat)) return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }
}
