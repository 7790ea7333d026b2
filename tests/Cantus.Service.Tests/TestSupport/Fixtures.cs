using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Music.Datasets;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;

namespace Cantus.Service.Tests.TestSupport;

/// <summary>Small models, melodies and datasets that the use cases process in a blink.</summary>
internal static class Fixtures
{
    public static readonly GanArchitecture TinyArchitecture = new() { Filters = 2, LowestPitch = 48, Pitches = 32, LatentChannels = 4 };

    /// <summary>Service paths over a fresh data directory, with a folder of sample models holding one untrained model "sample".</summary>
    public static ServicePaths Paths(TempFolder dir)
    {
        var samples = dir["samples"];
        ModelStore.Save(Path.Combine(samples, "sample"), GanModel.CreateUntrained(new ModelConfig { Architecture = TinyArchitecture, Description = "a sample" }, 1));
        return new ServicePaths { DataDirectory = dir["data"], SampleModelsDirectory = samples };
    }

    /// <summary>A model library over <paramref name="paths"/> with an embedded store in the data directory (opened on first use, disposed with <paramref name="dir"/>'s test).</summary>
    public static Service.Models.ModelLibrary Library(ServicePaths paths) => new(paths, () => Store(paths));

    /// <summary>The embedded store of <paramref name="paths"/>' data directory.</summary>
    public static Service.Storage.CantusStore Store(ServicePaths paths)
    {
        Directory.CreateDirectory(paths.DataDirectory);
        return Service.Storage.CantusStore.OpenAsync(Path.Combine(paths.DataDirectory, Service.Storage.CantusDatabase.DefaultFileName)).GetAwaiter().GetResult();
    }

    /// <summary>A one-track melody: an ascending line of quarter notes over <paramref name="bars"/> bars of 4/4.</summary>
    public static byte[] Melody(int bars = 2)
    {
        var m = new Multitrack(bars * 16);
        var track = m.AddTrack("melody");
        for (var t = 0; t < bars * 16; t++) track[t, 60 + (t / 4) % 8] = 90;
        return MultitrackToMidi.Convert(m).ToBytes();
    }

    /// <summary>Writes 4-track pieces of 64 steps into <paramref name="folder"/>.</summary>
    public static string Pieces(string folder, int pieces = 3)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < pieces; i++) File.WriteAllBytes(Path.Combine(folder, $"piece{i}.mid"), Piece(i));
        return folder;
    }

    public static byte[] Piece(int i)
    {
        var m = new Multitrack(64);
        foreach (var b in new[] { 68, 62, 56, 50 })
        {
            var track = m.AddTrack($"v{b}");
            for (var t = 0; t < 64; t++) track[t, b + (t / 4 + i) % 5] = 80;
        }
        return MultitrackToMidi.Convert(m).ToBytes();
    }

    public static TrainingOptions Options(string dataset, int iterations = 4) => new()
    {
        Dataset = dataset,
        Iterations = iterations,
        BatchSize = 3,
        CriticSteps = 2,
        Hop = 8,
        Transposition = Transposition.UpTo(2),
        CheckpointEvery = 2,
        MetricsEvery = 2,
        EvaluationSamples = 4,
        PreviewSamples = 2,
        Seed = 11,
    };

    public static MidiFile Read(byte[] bytes) => MidiFile.Parse(bytes);
}
