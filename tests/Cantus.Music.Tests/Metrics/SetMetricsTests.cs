using System.Text.Json;
using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>Per-sample and set-level metrics and their JSON shape (issue 2).</summary>
public class SetMetricsTests
{
    [Fact]
    public void SampleMetricsComparesAccompanimentWithTrackZero()
    {
        // Melody C5 for one bar; voice F4 (a fifth below, 8 steps ✓) then F#4 (a tritone, 8 steps ✗).
        var melody = new PianoRollTrack(16).Note(72, 0, 16);
        var voice = new PianoRollTrack(16).Note(65, 0, 8).Note(66, 8, 8);
        var s = SampleMetrics.Compute(Rolls.Sample(melody, voice));
        Assert.Equal(2, s.Tracks);
        Assert.Equal([null, 0.5], s[MetricNames.ConsonanceRate]);
        Assert.Null(s.Get(MetricNames.TonalDistance, 0));
        Assert.Equal(s.TonalDistanceBetween(0, 1), s.Get(MetricNames.TonalDistance, 1));
        Assert.Equal(s.TonalDistanceBetween(1, 0), s.TonalDistanceBetween(0, 1));
        Assert.Equal(0.0, s.TonalDistanceBetween(1, 1));
        Assert.Null(s.Get(MetricNames.Polyphony, 5));
        Assert.Equal(1.0, s.Get(MetricNames.Polyphony, 1));
        Assert.Throws<ArgumentException>(() => s["no_such_metric"]);
    }

    [Fact]
    public void SetMeanSkipsSamplesWhereUndefined()
    {
        // empty_bar_rate of track 0: 0.5 (2 bars, 1 empty), 0 (2 full bars), undefined (10 steps: no bar).
        // Mean over the 2 defined samples = 0.25, not 0.5/3.
        var a = Rolls.Sample(new PianoRollTrack(32).Note(60, 0));
        var b = Rolls.Sample(new PianoRollTrack(32).Note(60, 0, 32), new PianoRollTrack(32).Note(48, 0, 16));
        var c = Rolls.Sample(new PianoRollTrack(10).Note(60, 0));
        var set = SetMetrics.Compute([a, b, c]);
        Assert.Equal(3, set.Samples);
        Assert.Equal(2, set.Tracks);
        Assert.Equal(0.25, set.Mean(MetricNames.EmptyBarRate, 0));
        // Track 1 exists only in b: its values are b's.
        Assert.Equal([0.25, 0.5], set.Means(MetricNames.EmptyBarRate));
        // Polyphony is defined for all three (1, 1, 1) → 1; qualified note rate: 0, 1, 0 → 1/3.
        Assert.Equal(1.0, set.Mean(MetricNames.Polyphony, 0));
        Assert.Equal(1.0 / 3, set.Mean(MetricNames.QualifiedNoteRate, 0)!.Value, 12);
        Assert.Null(set.Mean(MetricNames.ConsonanceRate, 0));
    }

    [Fact]
    public void JsonHasTheIssueShapeWithNulls()
    {
        var a = Rolls.Sample(new PianoRollTrack(32).Note(60, 0), new PianoRollTrack(32));
        var json = SetMetrics.Compute([a]).ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("samples").GetInt32());
        Assert.Equal(2, root.GetProperty("tracks").GetInt32());
        var metrics = root.GetProperty("metrics");
        Assert.Equal(MetricNames.All, metrics.EnumerateObject().Select(p => p.Name));
        var ebr = metrics.GetProperty("empty_bar_rate");
        Assert.Equal(2, ebr.GetArrayLength());
        Assert.Equal(0.5, ebr[0].GetDouble());
        Assert.Equal(1.0, ebr[1].GetDouble());
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("in_scale_rate")[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("consonance_rate")[0].ValueKind);
        Assert.Equal(2, root.GetProperty("tonal_distance_pairs").GetArrayLength());
    }

    [Fact]
    public void EmptySetIsWellFormed()
    {
        var set = SetMetrics.Compute([]);
        Assert.Equal(0, set.Samples);
        Assert.Equal(0, set.Tracks);
        using var doc = JsonDocument.Parse(set.ToJson(indented: true));
        Assert.Equal(0, doc.RootElement.GetProperty("metrics").GetProperty("polyphony").GetArrayLength());
    }

    [Fact]
    public void BarLengthOptionReachesTheSetMetrics()
    {
        // 24 steps, note in steps 0..11 only: 16-step bars → 1 bar, not empty; 12-step bars → 1 of 2 empty.
        var a = Rolls.Sample(new PianoRollTrack(24).Note(60, 0, 12));
        Assert.Equal(0.0, SetMetrics.Compute([a]).Mean(MetricNames.EmptyBarRate, 0));
        Assert.Equal(0.5, SetMetrics.Compute([a], new MetricOptions(stepsPerBar: 12)).Mean(MetricNames.EmptyBarRate, 0));
    }
}
