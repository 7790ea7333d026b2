using System.Text.Json;
using Cantus.Music.Datasets;

namespace Cantus.Music.Tests.Datasets;

public class DatasetInfoTests
{
    // train: 48 steps (2 windows) + 40 steps (1 window); valid: 20 steps (0); test: 64 steps with a silent melody in the last bar pair.
    private static Dataset Sample()
    {
        var test = Enumerable.Range(0, 64).Select(s => new[] { s < 32 ? 60 : -1, 48 }).ToArray();
        return new Dataset("demo", ["Bach", "chorale"],
            [new("a", Rolls.Constant(48, 60, 48)), new("b", Rolls.Constant(40, 62, 50))],
            [new("c", Rolls.Constant(20, 60, 48))],
            [new("d", Rolls.FromSteps(test))]);
    }

    [Fact]
    public void CountsPiecesStepsAndSamplesPerSplit()
    {
        var info = DatasetInfo.Compute(Sample());
        Assert.Equal([new SplitInfo(DatasetSplit.Train, 2, 88, 3), new SplitInfo(DatasetSplit.Valid, 1, 20, 0), new SplitInfo(DatasetSplit.Test, 1, 64, 2)], info.Splits);
        Assert.Equal(["bach", "chorale"], info.Tags);
    }

    [Fact]
    public void TextListsEverySplit()
    {
        var text = DatasetInfo.Compute(Sample(), new WindowOptions { Transposition = Transposition.UpTo(1) }).ToText();
        Assert.Equal(
            "demo [bach, chorale]\n" +
            "windows: 32 steps, hop 16, melody track 0, pitches 0..127, transposition ±1\n" +
            "train: 2 pieces, 88 steps, 9 samples\n" +
            "valid: 1 pieces, 20 steps, 0 samples\n" +
            "test: 1 pieces, 64 steps, 6 samples\n", text);
    }

    [Fact]
    public void JsonHasStableNames()
    {
        var json = DatasetInfo.Compute(Sample(), new WindowOptions { MelodyTrack = null, Transposition = Transposition.All }).ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("demo", root.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("windowing").GetProperty("melodyTrack").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("windowing").GetProperty("maxShift").ValueKind);
        Assert.Equal(127, root.GetProperty("windowing").GetProperty("highestPitch").GetInt32());
        Assert.Equal(1, root.GetProperty("splits").GetProperty("valid").GetProperty("pieces").GetInt32());
        Assert.Equal(88, root.GetProperty("splits").GetProperty("train").GetProperty("steps").GetInt64());
        // Test piece without melody check: 3 windows; the last one has only the bass at 48 (shifts -48..+79 = 128),
        // the first two span 48..60 (-48..+67 = 116 each).
        Assert.Equal(116 + 116 + 128, root.GetProperty("splits").GetProperty("test").GetProperty("samples").GetInt32());
    }
}
