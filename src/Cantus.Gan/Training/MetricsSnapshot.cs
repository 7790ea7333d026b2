namespace Cantus.Gan.Training;

/// <summary>
/// The metric suite of the fixed evaluation samples at one iteration: per metric the mean per
/// track (melody, then the generated voices), the training set's means, and the similarity
/// index of the generated voices (tracks 1..) to the training set.
/// </summary>
/// <param name="Iteration">Iterations completed when measured.</param>
/// <param name="SimilarityIndex">Mean overlapping area over the metrics of the accompanying voices (tracks 1..), null when undefined.</param>
/// <param name="Generated">Per metric name, the mean per track of the generated samples.</param>
/// <param name="Reference">Per metric name, the mean per track of the training windows.</param>
public sealed record MetricsSnapshot(
    long Iteration,
    double? SimilarityIndex,
    IReadOnlyDictionary<string, IReadOnlyList<double?>> Generated,
    IReadOnlyDictionary<string, IReadOnlyList<double?>> Reference);
