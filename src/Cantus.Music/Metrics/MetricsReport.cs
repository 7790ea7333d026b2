using System.Text.Json.Serialization;

namespace Cantus.Music.Metrics;

/// <summary>
/// The JSON shape of a set's metrics (docs/metrics.md, <c>cantus metrics --json</c>):
/// <c>{"samples": N, "tracks": K, "metrics": {"empty_bar_rate": [v per track], ...}, "tonal_distance_pairs": [[...], ...]}</c>,
/// null where a value is undefined. Metric keys are <see cref="MetricNames.All"/> in that order.
/// </summary>
/// <param name="Samples">Number of samples N.</param>
/// <param name="Tracks">Number of tracks K (largest over the samples).</param>
/// <param name="Metrics">Per metric name, the set mean for each of the K tracks.</param>
/// <param name="TonalDistancePairs">K×K matrix of mean tonal distances between tracks a and b.</param>
public sealed record MetricsReport(
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("tracks")] int Tracks,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, IReadOnlyList<double?>> Metrics,
    [property: JsonPropertyName("tonal_distance_pairs")] IReadOnlyList<IReadOnlyList<double?>> TonalDistancePairs);
