using Cantus.Gan.Models;
using Cantus.Gan.Tests.TestSupport;
using Cantus.Music.Midi;

namespace Cantus.Gan.Tests.Models;

/// <summary>The model committed under models/bach-chorales: loads, is the default, and carries its evaluation.</summary>
public sealed class ShippedModelTests
{
    private static string Directory => Path.Combine(Paths.RepoRoot, "models", ModelStore.DefaultModelName);

    [Fact]
    public void ShippedModel_LoadsWithCriticAndEvaluation()
    {
        var model = ModelStore.Load(Directory);
        Assert.NotNull(model.Critic);
        Assert.NotNull(model.Config.Training);
        Assert.NotNull(model.Config.Evaluation);
        Assert.InRange(model.Config.Evaluation!["similarity_index"]!.Value, 0.5, 1.0);
        Assert.NotNull(model.Config.Cleanup); // calibrated on the valid split
        Assert.Contains("valid", model.Config.Cleanup!.CalibratedOn, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(Directory, ModelStore.WeightsFileName)).Length < 20 << 20);
    }

    [Fact]
    public void Generate_WithoutModel_UsesTheShippedModel()
    {
        using var dir = Paths.NewTemp();
        var melody = Path.Combine(Paths.RepoRoot, "samples", "melodies", "twinkle-twinkle.mid");
        var r = CantusProcess.Run("generate", "--input", melody, "--out", dir["song.mid"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var song = MidiFile.Read(dir["song.mid"]);
        Assert.Equal(5, song.Tracks.Count);
        Assert.Equal(Melodies.Steps(MidiFile.Read(melody)), Melodies.Steps(song));
    }
}
