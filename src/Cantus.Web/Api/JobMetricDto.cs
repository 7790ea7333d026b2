using System.Text.Json;
using Cantus.Service.Storage.Training;

namespace Cantus.Web.Api;

/// <summary>One evaluation of a training job: the similarity index and, per metric, the mean per voice of the samples and of the training data.</summary>
/// <param name="Iteration">When it was measured.</param>
/// <param name="SimilarityIndex">Similarity of the generated voices to the training data's (0..1).</param>
/// <param name="Metrics">generated / reference → metric → mean per track (melody first).</param>
public sealed record JobMetricDto(int Iteration, double? SimilarityIndex, JsonElement Metrics)
{
    /// <summary>The DTO of a stored metric row.</summary>
    public static JobMetricDto Of(JobMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        using var doc = JsonDocument.Parse(metric.Metrics);
        return new JobMetricDto(metric.Iteration, metric.SimilarityIndex, doc.RootElement.Clone());
    }
}
