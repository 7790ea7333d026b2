namespace Cantus.Service.Storage.Training;

/// <summary>Music metrics measured at one iteration (table <c>job_metrics</c>).</summary>
public sealed record JobMetric
{
    /// <summary>The iteration.</summary>
    public required int Iteration { get; init; }

    /// <summary>The similarity index against the training data, if measured.</summary>
    public double? SimilarityIndex { get; init; }

    /// <summary>The other metrics, JSON.</summary>
    public string Metrics { get; init; } = "{}";
}
