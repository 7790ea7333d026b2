using System.Text;
using Cantus.Music.Datasets;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Datasets;

public class JsbChoralesLoaderTests
{
    // train: two pieces (3 steps, 1 step); valid: none; test: one piece of 2 steps.
    private const string Tiny = """
        {"test": [[[60, 55, 52, 48], [-1, 55, -1, 36]]],
         "train": [[[72, 67, 64, 48], [72, 67, 64, 48], [74, -1, 65, 50]], [[0, 127, 1, 126]]],
         "valid": []}
        """;

    private static Dataset LoadTiny(JsbLoadOptions? options = null) =>
        JsbChoralesLoader.Parse(Encoding.UTF8.GetBytes(Tiny), "tiny.json", options);

    [Fact]
    public void SplitsAndPieceNamesFollowTheFile()
    {
        var d = LoadTiny();
        Assert.Equal("jsb-chorales", d.Name);
        Assert.Equal(["train/0", "train/1"], d.Pieces(DatasetSplit.Train).Select(p => p.Name));
        Assert.Empty(d.Pieces(DatasetSplit.Valid));
        Assert.Equal(["test/0"], d.Pieces(DatasetSplit.Test).Select(p => p.Name));
        Assert.Equal([3, 1], d.Rolls(DatasetSplit.Train).Select(r => r.Steps));
    }

    [Fact]
    public void EveryCellIsExactlyTheListedPitches()
    {
        var piece = LoadTiny().Rolls(DatasetSplit.Train)[0];
        int[][] expected = [[72, 67, 64, 48], [72, 67, 64, 48], [74, -1, 65, 50]];
        for (var k = 0; k < 4; k++)
            for (var s = 0; s < 3; s++)
                for (var p = 0; p < 128; p++)
                    Assert.True((p == expected[s][k] ? 100 : 0) == piece.Tracks[k][s, p], $"track {k} step {s} pitch {p}");
    }

    [Fact]
    public void ExtremePitchesAndSilenceAreKept()
    {
        var d = LoadTiny();
        var edge = d.Rolls(DatasetSplit.Train)[1];
        Assert.True(edge.Tracks[0].IsActive(0, 0));
        Assert.True(edge.Tracks[1].IsActive(0, 127));
        var test = d.Rolls(DatasetSplit.Test)[0];
        Assert.True(test.Tracks[0].StepCells(1).IndexOfAnyExcept((byte)0) < 0); // soprano rests at step 1
        Assert.True(test.Tracks[3].IsActive(1, 36));
    }

    [Fact]
    public void TracksAndTimingFollowTheLab()
    {
        var piece = LoadTiny().Rolls(DatasetSplit.Train)[0];
        Assert.Equal(["soprano", "alto", "tenor", "bass"], piece.Tracks.Select(t => t.Name));
        Assert.All(piece.Tracks, t => Assert.Equal(0, t.Program));
        Assert.All(piece.Tracks, t => Assert.False(t.IsDrum));
        Assert.Equal(4, piece.StepsPerBeat);
        Assert.Equal(100, piece.TempoBpm);
        Assert.Equal(TimeSignature.Common, piece.TimeSignature);
    }

    [Fact]
    public void OptionsSetProgramVelocityAndTempo()
    {
        var piece = LoadTiny(new JsbLoadOptions { Program = 52, Velocity = 64, TempoBpm = 72 }).Rolls(DatasetSplit.Train)[0];
        Assert.All(piece.Tracks, t => Assert.Equal(52, t.Program));
        Assert.Equal(64, piece.Tracks[0][0, 72]);
        Assert.Equal(72, piece.TempoBpm);
    }

    [Fact]
    public void IntegralFloatPitchesAreAccepted()
    {
        var json = """{"train": [[[60.0, 55, 52.0, -1.0]]], "valid": [], "test": []}"""u8;
        var piece = JsbChoralesLoader.Parse(json).Rolls(DatasetSplit.Train)[0];
        Assert.True(piece.Tracks[0].IsActive(0, 60));
        Assert.True(piece.Tracks[2].IsActive(0, 52));
        Assert.True(piece.Tracks[3].IsEmpty);
    }

    [Fact]
    public void StreamOverloadReadsUnseekableStreams()
    {
        using var stream = new NonSeekableStream(Encoding.UTF8.GetBytes(Tiny));
        var d = JsbChoralesLoader.Load(stream, "piped");
        Assert.Equal(2, d.Pieces(DatasetSplit.Train).Count);
    }

    [Fact]
    public void TagsMarkTheDatasetAsBachChorales()
    {
        var d = LoadTiny();
        Assert.True(d.HasAllTags(["bach", "Chorale"]));
        Assert.False(d.HasAllTags(["jazz"]));
    }

    /// <summary>A read-only stream that cannot seek, like a pipe.</summary>
    internal sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
