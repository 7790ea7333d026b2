using System.Text.Json;

namespace Cantus.Cli.Tests;

public class MidiInspectTests
{
    private static string Snippet => Path.Combine(CliRunner.Datasets, "deepcomposer-jsb-2bar", "MIDI-0.mid");

    [Fact]
    public void JsonHasTheDocumentedFields()
    {
        var r = CliRunner.Run("midi", "inspect", Snippet, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("format").GetInt32());
        Assert.Equal(220, root.GetProperty("ticksPerQuarter").GetInt32());
        Assert.Equal(5, root.GetProperty("tracks").GetArrayLength());
        Assert.Equal(27, root.GetProperty("notes").GetInt32());
        Assert.Equal(root.GetProperty("notes").GetInt32(), root.GetProperty("tracks").EnumerateArray().Sum(t => t.GetProperty("notes").GetInt32()));
        Assert.Equal(1761 / 220.0 * 0.6, root.GetProperty("durationSeconds").GetDouble(), 6); // 100 BPM
        Assert.Equal(100, root.GetProperty("tempos")[0].GetProperty("bpm").GetDouble(), 6);
        Assert.Equal(4, root.GetProperty("timeSignatures")[0].GetProperty("denominator").GetInt32());
        Assert.Equal(0, root.GetProperty("repairs").GetArrayLength());
    }

    [Fact]
    public void NotAMidiFileExitsTwoWithOneLine()
    {
        var r = CliRunner.Run("midi", "inspect", Path.Combine(CliRunner.Datasets, "README.md"));
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Contains("MThd", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileExitsTwo() => Assert.Equal(2, CliRunner.Run("midi", "inspect", "no-such-file.mid").ExitCode);

    [Fact]
    public void MissingArgumentExitsOne() => Assert.Equal(1, CliRunner.Run("midi", "inspect").ExitCode);

    [Fact]
    public void LenientReportsRepairs()
    {
        var bytes = File.ReadAllBytes(Snippet);
        var path = Path.Combine(Path.GetTempPath(), $"cantus-truncated-{Environment.ProcessId}.mid");
        File.WriteAllBytes(path, bytes[..^10]);
        try
        {
            Assert.Equal(2, CliRunner.Run("midi", "inspect", path).ExitCode);
            var r = CliRunner.Run("midi", "inspect", path, "--lenient", "--json");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Stdout);
            Assert.True(doc.RootElement.GetProperty("repairs").GetArrayLength() > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
