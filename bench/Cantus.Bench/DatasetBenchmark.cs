using Cantus.Music.Datasets;

namespace Cantus.Bench;

/// <summary>
/// Issue 2's speed target: load the JSB chorales JSON and window the whole train split
/// (2-bar windows, 1-bar hop) into training samples, in under one second.
/// </summary>
public static class DatasetBenchmark
{
    /// <summary>The result: samples produced and the times of loading plus windowing.</summary>
    public sealed record Result(string Path, int Pieces, int Samples, double SecondsMedian, double SecondsMin, IReadOnlyList<double> SecondsAll, double TargetSeconds);

    /// <summary>Loads <paramref name="jsonPath"/> and windows its train split, <paramref name="runs"/> times.</summary>
    public static Result Run(string jsonPath, int runs = 5)
    {
        var pieces = 0;
        var samples = 0;
        var timing = Measure.Run(() =>
        {
            var dataset = JsbChoralesLoader.Load(jsonPath);
            var train = dataset.Rolls(DatasetSplit.Train);
            var dense = new Windower(WindowOptions.Default).ToDense(train);
            pieces = train.Count;
            samples = dense.Samples;
        }, runs);
        return new Result(jsonPath, pieces, samples, timing.Median, timing.Min, timing.Seconds, 1.0);
    }
}
