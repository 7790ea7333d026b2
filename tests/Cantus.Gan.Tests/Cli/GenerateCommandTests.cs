using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Gan.Tests.TestSupport;
using Cantus.Music.Midi;
using Cantus.Tensors;
using Cantus.Tensors.Serialization;

namespace Cantus.Gan.Tests.Cli;

/// <summary><c>cantus generate</c> and <c>cantus evaluate</c> in process: outputs and exit codes.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly Paths.TempFolder _dir = Paths.NewTemp();

    public GenerateCommandTests()
    {
        var config = new ModelConfig { Architecture = new GanArchitecture { Filters = 2, LowestPitch = 36, Pitches = 64, LatentChannels = 3 } };
        ModelStore.Save(_dir["model"], GanModel.CreateUntrained(config, 2));
        Melodies.Scale(3, 4).Write(_dir["melody.mid"]);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Generate_WritesMidiPngAndLatent()
    {
        var r = CantusInProcess.Run("generate", "--model", _dir["model"], "--input", _dir["melody.mid"], "--out", _dir["song.mid"],
            "--png", _dir["song.png"], "--save-latent", _dir["z.safetensors"], "--seed", "5", "--candidates", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("52 steps, 2 window(s), 4 steps of leading silence kept", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, MidiFile.Read(_dir["song.mid"]).Tracks.Count);
        Assert.True(new FileInfo(_dir["song.png"]).Length > 100);
        Assert.Equal([2, 3, 2, 4], LatentFile.Read(_dir["z.safetensors"]).Shape.ToArray());

        var again = CantusInProcess.Run("generate", "--model", _dir["model"], "--input", _dir["melody.mid"], "--out", _dir["again.mid"], "--latent", _dir["z.safetensors"]);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(File.ReadAllBytes(_dir["song.mid"]), File.ReadAllBytes(_dir["again.mid"]));
    }

    [Fact]
    public void EmptyMidi_Exits2()
    {
        new MidiFile(1, TimeDivision.PerQuarter(480), [new MidiTrack([MetaEvent.CreateEndOfTrack(0)])]).Write(_dir["empty.mid"]);
        AssertBadInput(Generate(_dir["empty.mid"]), "no notes");
    }

    [Fact]
    public void DrumOnlyMidi_Exits2()
    {
        var drums = new MidiTrack([new ChannelEvent(0, MidiCommand.NoteOn, 9, 36, 100), new ChannelEvent(120, MidiCommand.NoteOff, 9, 36, 0), MetaEvent.CreateEndOfTrack(120)]);
        new MidiFile(1, TimeDivision.PerQuarter(480), [drums]).Write(_dir["drums.mid"]);
        AssertBadInput(Generate(_dir["drums.mid"]), "only drum notes");
    }

    [Fact]
    public void ChosenTrackWithoutNotes_Exits2()
    {
        // Track 0 is the conductor track (tempo only).
        AssertBadInput(Generate(_dir["melody.mid"], "--melody-track", "0"), "Track 0 has no notes");
    }

    [Fact]
    public void UnknownTrackName_IsAUsageError()
    {
        var r = Generate(_dir["melody.mid"], "--melody-track", "violin");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("No track is named 'violin'", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--key-penalty", "5", "The key penalty must be 0..2, not 5.")]
    [InlineData("--threshold", "1.5", "The threshold must be −1..1, not 1.5.")]
    [InlineData("--candidates", "99", "The number of candidates must be 1..64, not 99.")]
    public void OutOfRangeOptions_AreUsageErrors_InTheUsersTerms(string option, string value, string message)
    {
        var r = Generate(_dir["melody.mid"], option, value);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptSafetensors_Exits2()
    {
        var bytes = File.ReadAllBytes(Path.Combine(_dir["model"], "model.safetensors"));
        bytes[3] = 0x7F; // header length far beyond the file
        File.WriteAllBytes(Path.Combine(_dir["model"], "model.safetensors"), bytes);
        AssertBadInput(Generate(_dir["melody.mid"]), "not a valid safetensors file");
    }

    [Fact]
    public void MismatchedSafetensors_Exits2()
    {
        var other = new Generator(new GanArchitecture { Filters = 3, LowestPitch = 36, Pitches = 64, LatentChannels = 3 }, new SeededRandom(1));
        SafeTensors.WriteFile(Path.Combine(_dir["model"], "model.safetensors"), other.StateDict());
        AssertBadInput(Generate(_dir["melody.mid"]), "do not match the architecture");
    }

    [Fact]
    public void CorruptMidi_Exits2()
    {
        File.WriteAllBytes(_dir["bad.mid"], [0x4D, 0x54, 0x68, 0x64, 0, 0]);
        Assert.Equal(2, Generate(_dir["bad.mid"]).ExitCode);
    }

    [Fact]
    public void Evaluate_WritesJsonAndMarkdownReports()
    {
        var r = CantusInProcess.Run("evaluate", _dir["model"], "--max-windows", "40", "--report", _dir["report"], "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("\"similarityIndex\"", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("| naive baseline", File.ReadAllText(Path.Combine(_dir["report"], "evaluation.md")), StringComparison.Ordinal);
        Assert.Contains("\"windows\": 40", File.ReadAllText(Path.Combine(_dir["report"], "evaluation.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateCalibrate_StoresTheChosenCleanupInModelJson_AndRefusesTheTestSplit()
    {
        var refused = CantusInProcess.Run("evaluate", _dir["model"], "--calibrate", "--max-windows", "20");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("test split", refused.Stderr, StringComparison.Ordinal);
        var r = CantusInProcess.Run("evaluate", _dir["model"], "--calibrate", "--split", "valid", "--max-windows", "40", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var threshold = json.RootElement.GetProperty("threshold").GetSingle();
        var grid = json.RootElement.GetProperty("grid").EnumerateArray().ToList();
        Assert.Equal(35, grid.Count);
        var best = grid.Max(g => g.GetProperty("similarity_index").GetDouble());
        Assert.Equal(best, json.RootElement.GetProperty("similarity_index").GetDouble());
        var stored = ModelStore.ReadConfig(Path.Combine(_dir["model"], "model.json")).Cleanup;
        Assert.NotNull(stored);
        Assert.Equal(threshold, stored.Threshold);
        Assert.Contains("valid, 40 windows", stored.CalibratedOn, StringComparison.Ordinal);
        // evaluate and generate now use the stored settings by default, and say so.
        var report = CantusInProcess.Run("evaluate", _dir["model"], "--max-windows", "10");
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"threshold {threshold:0.0#}"), report.Stdout, StringComparison.Ordinal);
    }

    private CantusProcess.Result Generate(string input, params string[] more) =>
        CantusInProcess.Run(["generate", "--model", _dir["model"], "--input", input, "--out", _dir["out.mid"], .. more]);

    private static void AssertBadInput(CantusProcess.Result r, string message)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }
}
