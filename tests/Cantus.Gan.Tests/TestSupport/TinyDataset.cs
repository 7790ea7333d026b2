using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Tests.TestSupport;

/// <summary>A folder of small four-voice MIDI pieces and a tiny configuration that trains in a blink.</summary>
internal static class TinyDataset
{
    public static readonly GanArchitecture Architecture = new() { Filters = 2, LowestPitch = 48, Pitches = 32, LatentChannels = 4 };

    /// <summary>Writes <paramref name="pieces"/> 4-track pieces of 64 steps into <paramref name="folder"/>: soprano 68.., alto 62.., tenor 56.., bass 50.., quarter notes.</summary>
    public static string Write(string folder, int pieces = 3)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < pieces; i++)
        {
            var m = new Multitrack(64);
            int[] bases = [68, 62, 56, 50];
            foreach (var b in bases)
            {
                var track = m.AddTrack($"v{b}");
                for (var t = 0; t < 64; t++) track[t, b + (t / 4 + i) % 5] = 80;
            }
            MultitrackToMidi.Convert(m).Write(Path.Combine(folder, $"piece{i}.mid"));
        }
        return folder;
    }

    public static TrainingOptions Options(string dataset, int iterations = 4) => new()
    {
        Dataset = dataset,
        Iterations = iterations,
        BatchSize = 3,
        CriticSteps = 2,
        Hop = 8,
        Transposition = Music.Datasets.Transposition.UpTo(2),
        CheckpointEvery = 2,
        MetricsEvery = 2,
        EvaluationSamples = 4,
        PreviewSamples = 2,
        Seed = 11,
    };
}
