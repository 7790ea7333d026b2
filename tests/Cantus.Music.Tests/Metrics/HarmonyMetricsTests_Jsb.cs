using Cantus.Music.Metrics;
using Xunit.Abstractions;

namespace Cantus.Music.Tests.Metrics;

/// <summary>
/// Cross-check of the harmony metrics on Bach (issue 2): on the JSB test split in 2-bar windows
/// (hop 1 bar), consonance ≈ 0.68 / 0.79 / 0.85 for alto / tenor / bass and parallels ≈ 0.
/// </summary>
public class HarmonyMetricsTests_Jsb(ITestOutputHelper output)
{
    [Fact]
    public void BachTestSplitConsonanceAndParallels()
    {
        var windows = JsbChoraleWindows.Load("test");
        var set = SetMetrics.Compute(windows);
        output.WriteLine($"windows: {set.Samples}");
        output.WriteLine(set.ToJson(indented: true));

        double[] expected = [0.68, 0.79, 0.85];
        for (var k = 1; k <= 3; k++)
        {
            Assert.InRange(set.Mean(MetricNames.ConsonanceRate, k)!.Value, expected[k - 1] - 0.02, expected[k - 1] + 0.02);
            Assert.InRange(set.Mean(MetricNames.ParallelFifthsOctavesRate, k)!.Value, 0, 0.01);
        }
    }
}
