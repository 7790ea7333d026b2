using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>The 229 DeepComposer lab snippets through the MIDI reader: every track has notes in every bar and one note at a time.</summary>
public class LabSnippetMetricsTests
{
    [Fact]
    public void EveryTrackHasNoEmptyBarAndPolyphonyOne()
    {
        var samples = MidiFileSet.Read(MidiFileSet.Expand([RepoPaths.LabSnippets])).Select(s => s.Multitrack).ToList();
        Assert.Equal(229, samples.Count);
        foreach (var sample in samples)
        {
            var m = SampleMetrics.Compute(sample);
            for (var k = 0; k < 4; k++)
            {
                Assert.Equal(0.0, m.Get(MetricNames.EmptyBarRate, k));
                Assert.Equal(1.0, m.Get(MetricNames.Polyphony, k));
            }
        }
    }
}
