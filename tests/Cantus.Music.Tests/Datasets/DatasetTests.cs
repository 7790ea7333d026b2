using Cantus.Music.Datasets;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Datasets;

public class DatasetTests
{
    private static DatasetPiece Piece(string name) => new(name, Rolls.Constant(32, 60));

    [Fact]
    public void FilterByTagsKeepsDatasetsWithEveryTag()
    {
        var bach = new Dataset("jsb", ["bach", "chorale", "classical"], [], [], []);
        var jazz = new Dataset("jazz", ["jazz", "swing"], [], [], []);
        var handel = new Dataset("handel", ["Classical", "baroque"], [], [], []);
        Dataset[] all = [bach, jazz, handel];
        Assert.Equal([bach, handel], Dataset.FilterByTags(all, ["classical"]));
        Assert.Equal([bach], Dataset.FilterByTags(all, ["CLASSICAL", " chorale "]));
        Assert.Empty(Dataset.FilterByTags(all, ["classical", "swing"]));
        Assert.Equal(all, Dataset.FilterByTags(all, []));
        Assert.Equal(["baroque", "classical"], handel.Tags);
    }

    [Fact]
    public void AllTrainPutsEveryPieceInTrainInOrder()
    {
        var d = Dataset.Create("lab", ["bach"], [Piece("MIDI-2.mid"), Piece("MIDI-0.mid"), Piece("MIDI-1.mid")]);
        Assert.Equal(["MIDI-2.mid", "MIDI-0.mid", "MIDI-1.mid"], d.Pieces(DatasetSplit.Train).Select(p => p.Name));
        Assert.Empty(d.Pieces(DatasetSplit.Valid));
        Assert.Empty(d.Pieces(DatasetSplit.Test));
        Assert.Equal(3, d.PieceCount);
    }

    [Fact]
    public void UnnamedRollsAreNumbered()
    {
        var d = Dataset.Create("rolls", [], new[] { Rolls.Constant(4, 60), Rolls.Constant(4, 61) }.AsEnumerable());
        Assert.Equal(["0", "1"], d.Pieces(DatasetSplit.Train).Select(p => p.Name));
        Assert.Same(d.Pieces(DatasetSplit.Train)[1].Roll, d.Rolls(DatasetSplit.Train)[1]);
    }

    [Theory]
    [InlineData("", 0x811c9dc5u)]   // FNV-1a test vectors (Fowler/Noll/Vo reference)
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv1aMatchesReferenceVectors(string text, uint expected) =>
        Assert.Equal(expected, SplitRule.Fnv1a32(text));

    [Fact]
    public void HashSplitUsesBucketsOfTheName()
    {
        var rule = SplitRule.ByNameHash(80, 10);
        // FNV-1a buckets (mod 100): MIDI-4.mid → 0x5dc52211 → 1; MIDI-0.mid → 0xbcb6ff2d → 85; MIDI-3.mid → 0x5ccfefb8 → 92.
        Assert.Equal(DatasetSplit.Train, rule.Assign("MIDI-4.mid"));
        Assert.Equal(DatasetSplit.Valid, rule.Assign("MIDI-0.mid"));
        Assert.Equal(DatasetSplit.Test, rule.Assign("MIDI-3.mid"));
        // Boundaries: bucket 85 is train only when train takes 86 buckets.
        Assert.Equal(DatasetSplit.Train, SplitRule.ByNameHash(86, 0).Assign("MIDI-0.mid"));
        Assert.Equal(DatasetSplit.Test, SplitRule.ByNameHash(85, 0).Assign("MIDI-0.mid"));
        Assert.Equal(DatasetSplit.Valid, SplitRule.ByNameHash(85, 1).Assign("MIDI-0.mid"));
    }

    [Fact]
    public void HashSplitIsStableAndRoughlyProportional()
    {
        var names = Enumerable.Range(0, 1000).Select(i => $"MIDI-{i}.mid").ToArray();
        var rule = SplitRule.ByNameHash();
        var first = Dataset.Create("f", [], names.Select(Piece), rule);
        var fewer = Dataset.Create("f", [], names.Where((_, i) => i % 2 == 0).Select(Piece), rule);
        // Removing files never moves the others.
        foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Valid, DatasetSplit.Test })
            Assert.All(fewer.Pieces(split), p => Assert.Contains(p.Name, first.Pieces(split).Select(q => q.Name)));
        Assert.InRange(first.Pieces(DatasetSplit.Train).Count, 740, 860);
        Assert.InRange(first.Pieces(DatasetSplit.Valid).Count, 60, 140);
        Assert.InRange(first.Pieces(DatasetSplit.Test).Count, 60, 140);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SplitRule.ByNameHash(90, 20));
        Assert.Throws<ArgumentException>(() => new Dataset(" ", [], [], [], []));
        Assert.Throws<ArgumentException>(() => new Dataset("x", [""], [], [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset("x", [], [], [], []).Pieces((DatasetSplit)7));
        Assert.Throws<ArgumentNullException>(() => Dataset.Create("x", [], new Multitrack[] { null! }.AsEnumerable()));
    }
}
