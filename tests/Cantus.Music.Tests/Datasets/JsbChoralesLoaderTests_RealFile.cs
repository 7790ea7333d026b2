using System.Diagnostics;
using Cantus.Music.Datasets;
using Xunit.Abstractions;

using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Datasets;

/// <summary>
/// The published file in ../shared/datasets. Expected counts were computed independently with
/// Python's json module (windows: starts 0, 16, ... ≤ len − 32 whose soprano has a note; with
/// range 36..99 every shift keeping all voices inside).
/// </summary>
public class JsbChoralesLoaderTests_RealFile(ITestOutputHelper output)
{
    private static readonly Lazy<Dataset> Jsb = new(() => JsbChoralesLoader.Load(RepoPaths.JsbJson));

    [Fact]
    public void SplitSizesAreTheStandardOnes()
    {
        var d = Jsb.Value;
        Assert.Equal(229, d.Pieces(DatasetSplit.Train).Count);
        Assert.Equal(76, d.Pieces(DatasetSplit.Valid).Count);
        Assert.Equal(77, d.Pieces(DatasetSplit.Test).Count);
        Assert.Equal(55228, d.Rolls(DatasetSplit.Train).Sum(r => r.Steps));
        Assert.Equal(192, d.Rolls(DatasetSplit.Train)[0].Steps);
    }

    [Fact]
    public void FirstStepsMatchTheFile()
    {
        var d = Jsb.Value;
        // train[0][0] = [74, 70, 65, 58]; test[0][0] = [65, 60, 57, 53]; test[0][4] = [72, 60, 55, 52].
        int[] train0 = [74, 70, 65, 58], test0 = [65, 60, 57, 53], test4 = [72, 60, 55, 52];
        for (var k = 0; k < 4; k++)
        {
            Assert.True(d.Rolls(DatasetSplit.Train)[0].Tracks[k].IsActive(0, train0[k]));
            Assert.True(d.Rolls(DatasetSplit.Test)[0].Tracks[k].IsActive(0, test0[k]));
            Assert.True(d.Rolls(DatasetSplit.Test)[0].Tracks[k].IsActive(4, test4[k]));
            Assert.Equal(1, d.Rolls(DatasetSplit.Test)[0].Tracks[k].StepCells(4).ToArray().Count(b => b != 0));
        }
    }

    [Fact]
    public void WindowCountsPerSplit()
    {
        var info = DatasetInfo.Compute(Jsb.Value);
        Assert.Equal([3176, 1058, 1088], info.Splits.Select(s => s.Samples));
        var augmented = DatasetInfo.Compute(Jsb.Value, new WindowOptions { PitchRange = new PitchRange(36, 99), Transposition = Transposition.All });
        Assert.Equal([112380, 38210, 38547], augmented.Splits.Select(s => s.Samples));
        var plusMinus3 = DatasetInfo.Compute(Jsb.Value, new WindowOptions { PitchRange = new PitchRange(36, 99), Transposition = Transposition.UpTo(3) });
        Assert.Equal([22028, 7370, 7564], plusMinus3.Splits.Select(s => s.Samples));
    }

    [Fact]
    public void LoadAndWindowSpeed()
    {
        // A sanity print, not an assertion (the machine is shared); the benchmark target is < 1 s.
        var path = RepoPaths.JsbJson;
        JsbChoralesLoader.Load(path); // warm-up (JIT)
        var sw = Stopwatch.StartNew();
        var d = JsbChoralesLoader.Load(path);
        var load = sw.Elapsed;
        var windows = new Windower().Windows(d.Rolls(DatasetSplit.Train)).Count();
        var windowed = sw.Elapsed;
        var dense = new Windower(new WindowOptions { PitchRange = PitchRange.FromCount(24, 84) }).ToDense(d.Rolls(DatasetSplit.Train));
        var total = sw.Elapsed;
        output.WriteLine($"load all splits {load.TotalMilliseconds:F1} ms; window train ({windows} rolls) {(windowed - load).TotalMilliseconds:F1} ms; " +
                         $"dense train ({dense.Samples}×{dense.Tracks}×{dense.Steps}×{dense.Pitches}) {(total - windowed).TotalMilliseconds:F1} ms");
        Assert.Equal(3176, windows);
    }
}
