using System.Diagnostics;
using Cantus.Gan.Composing;
using Cantus.Gan.Models;
using Cantus.Music.Midi;

namespace Cantus.Bench;

/// <summary>
/// Issue 4's composing targets: model load under 200 ms; an 8-bar melody end to end (read the
/// MIDI file, generate, write the MIDI file) under 50 ms of compute once the model is loaded.
/// The first run in the process is reported apart: it includes the JIT compilation of whatever
/// ReadyToRun code did not cover (a fresh <c>cantus generate</c> pays it once).
/// </summary>
public static class ComposeBenchmark
{
    /// <summary>The result of a run.</summary>
    public sealed record Result(string Model, string Melody, int Steps, double LoadMs, double FirstMs, double WarmMsMedian, double WarmMsMin, int Runs,
        double TargetLoadMs, double TargetComposeMs);

    /// <summary>Loads <paramref name="modelDirectory"/>, then composes <paramref name="melodyPath"/> once cold and <paramref name="runs"/> times warm.</summary>
    public static Result Run(string modelDirectory, string melodyPath, int runs)
    {
        var clock = Stopwatch.StartNew();
        var model = ModelStore.Load(modelDirectory);
        var loadMs = clock.Elapsed.TotalMilliseconds;
        var output = Path.Combine(Path.GetTempPath(), $"cantus-bench-{Environment.ProcessId}.mid");
        try
        {
            var steps = 0;
            double Once()
            {
                var start = Stopwatch.GetTimestamp();
                var composition = new Composer(model).Compose(MidiFile.Read(melodyPath));
                composition.Midi.Write(output);
                steps = composition.Roll.Steps;
                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            var first = Once();
            var warm = new Timing(Enumerable.Range(0, runs).Select(_ => Once() / 1000).ToList());
            return new Result(modelDirectory, melodyPath, steps, loadMs, first, warm.Median * 1000, warm.Min * 1000, runs, 200, 50);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
