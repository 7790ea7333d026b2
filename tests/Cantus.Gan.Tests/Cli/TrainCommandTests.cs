using System.Text.Json;
using Cantus.Gan.Tests.TestSupport;

namespace Cantus.Gan.Tests.Cli;

/// <summary><c>cantus train --json</c> end to end: progress lines, resume, then generate with the run's model.</summary>
public sealed class TrainCommandTests
{
    [Fact]
    public void TrainJson_ResumeThenGenerateWithTheRunsModel()
    {
        using var dir = Paths.NewTemp();
        var data = TinyDataset.Write(dir["data"]);
        var run = dir["run"];
        var first = CantusInProcess.Run("train", "--out", run, "--dataset", data, "--iterations", "2", "--batch", "2", "--critic-steps", "1", "--filters", "2",
            "--pitch-range", "48..79", "--latent-channels", "4", "--hop", "8", "--checkpoint-every", "2", "--metrics-every", "2", "--eval-samples", "2", "--seed", "3", "--json");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var lines = first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 2], lines.Select(l => l.GetProperty("iteration").GetInt32()));
        Assert.All(lines, l => Assert.True(double.IsFinite(l.GetProperty("criticLoss").GetDouble()) && l.GetProperty("samplesPerSecond").GetDouble() > 0));
        Assert.Equal(JsonValueKind.Number, lines[1].GetProperty("similarityIndex").ValueKind);
        Assert.EndsWith("ckpt-00000002.safetensors", lines[1].GetProperty("checkpoint").GetString(), StringComparison.Ordinal);

        var resumed = CantusInProcess.Run("train", "--resume", run, "--iterations", "3", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.StartsWith("{\"iteration\":3,", resumed.Stdout, StringComparison.Ordinal);

        Melodies.Scale(2).Write(dir["m.mid"]);
        var song = CantusInProcess.Run("generate", "--model", Path.Combine(run, "model"), "--input", dir["m.mid"], "--out", dir["song.mid"]);
        Assert.True(song.ExitCode == 0, song.Stderr);
        Assert.Equal(32, Melodies.Steps(Music.Midi.MidiFile.Read(dir["song.mid"])));
    }

    [Fact]
    public void BadOptions_AreUsageErrors()
    {
        using var dir = Paths.NewTemp();
        Assert.Equal(1, CantusInProcess.Run("train", "--out", dir["a"], "--pitch-range", "36..100").ExitCode);
        Assert.Equal(1, CantusInProcess.Run("train", "--out", dir["a"], "--critic-steps", "0").ExitCode);
        Assert.Equal(1, CantusInProcess.Run("train").ExitCode);
        Assert.Equal(2, CantusInProcess.Run("train", "--resume", dir.Path).ExitCode); // no run.json
    }
}
