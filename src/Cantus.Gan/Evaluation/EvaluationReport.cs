using System.Globalization;
using System.Text;
using System.Text.Json;
using Cantus.Music.Metrics;

namespace Cantus.Gan.Evaluation;

/// <summary>
/// The result of <see cref="Evaluator.Evaluate"/>: per metric and per set (generated, bach,
/// baseline) the mean per track (melody first), and the similarity indices of the voices.
/// </summary>
/// <param name="Model">The model directory or name.</param>
/// <param name="Dataset">Dataset evaluated on.</param>
/// <param name="Split">Its split.</param>
/// <param name="Windows">Number of windows accompanied.</param>
/// <param name="Raw">True when evaluated without clean-up.</param>
/// <param name="Threshold">The threshold used.</param>
/// <param name="KeyPenalty">The clean-up's key penalty used (0 for raw output).</param>
/// <param name="TrackNames">Track names, melody first.</param>
/// <param name="SimilarityIndex">Voices of the generated set against Bach's (same melodies).</param>
/// <param name="BaselineSimilarityIndex">The naive baseline (melody copied a fourth, an octave and two octaves down) against Bach's.</param>
/// <param name="BachTrainSimilarityIndex">Bach's voices of the train split against those of the evaluated split: the ceiling.</param>
/// <param name="Metrics">Metric name → set name ("generated", "bach", "baseline") → mean per track.</param>
/// <param name="Overlaps">Metric name → per track, the overlapping area of the generated and Bach histograms (the terms the similarity index averages over tracks 1..).</param>
/// <param name="Seconds">Time taken to generate and measure.</param>
public sealed record EvaluationReport(
    string Model,
    string Dataset,
    string Split,
    int Windows,
    bool Raw,
    float Threshold,
    float KeyPenalty,
    IReadOnlyList<string> TrackNames,
    double? SimilarityIndex,
    double? BaselineSimilarityIndex,
    double? BachTrainSimilarityIndex,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double?>>> Metrics,
    IReadOnlyDictionary<string, IReadOnlyList<double?>> Overlaps,
    double Seconds)
{
    /// <summary>Set names in report order.</summary>
    public static IReadOnlyList<string> Sets { get; } = ["generated", "bach", "baseline"];

    /// <summary>The report as indented JSON (camelCase).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, GanJson.Options);

    /// <summary>The headline figures as a flat map for model.json ("similarity_index", "consonance_rate.alto", ...).</summary>
    public IReadOnlyDictionary<string, double?> Headline()
    {
        var d = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["similarity_index"] = SimilarityIndex,
            ["baseline_similarity_index"] = BaselineSimilarityIndex,
            ["bach_train_similarity_index"] = BachTrainSimilarityIndex,
        };
        foreach (var metric in new[] { MetricNames.ConsonanceRate, MetricNames.ParallelFifthsOctavesRate })
            for (var k = 1; k < TrackNames.Count; k++)
            {
                d[$"{metric}.{TrackNames[k]}"] = Metrics[metric]["generated"][k];
                d[$"{metric}.{TrackNames[k]}.bach"] = Metrics[metric]["bach"][k];
            }
        return d;
    }

    /// <summary>The report as Markdown: headline table, harmony per voice, then every metric per track.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"# Evaluation of {Model}");
        sb.AppendLine();
        sb.AppendLine(inv, $"{Windows} windows of the {Split} split of {Dataset}, voices {(Raw ? $"raw (no clean-up), threshold {Threshold:0.0#}" : $"cleaned up (default), threshold {Threshold:0.0#}, key penalty {KeyPenalty:0.0#}")}; {Seconds:F1} s.");
        sb.AppendLine();
        sb.AppendLine("| similarity index of the voices to Bach's | value |");
        sb.AppendLine("|---|---|");
        sb.AppendLine(inv, $"| generated | {F(SimilarityIndex)} |");
        sb.AppendLine(inv, $"| naive baseline (melody −5, −12, −24) | {F(BaselineSimilarityIndex)} |");
        sb.AppendLine(inv, $"| Bach, train split | {F(BachTrainSimilarityIndex)} |");
        sb.AppendLine();
        foreach (var metric in new[] { MetricNames.ConsonanceRate, MetricNames.ParallelFifthsOctavesRate })
        {
            sb.AppendLine(inv, $"| {metric} | {string.Join(" | ", TrackNames.Skip(1))} |");
            sb.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", TrackNames.Count - 1)));
            foreach (var set in Sets) sb.AppendLine(inv, $"| {set} | {string.Join(" | ", Metrics[metric][set].Skip(1).Select(F))} |");
            sb.AppendLine();
        }
        sb.AppendLine("## Overlap of the generated and Bach's histograms per metric (what the similarity index averages)");
        sb.AppendLine();
        sb.AppendLine(inv, $"| metric | {string.Join(" | ", TrackNames.Skip(1))} |");
        sb.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", TrackNames.Count - 1)));
        foreach (var (metric, row) in Overlaps)
            if (row.Skip(1).Any(v => v is not null)) sb.AppendLine(inv, $"| {metric} | {string.Join(" | ", row.Skip(1).Select(F))} |");
        sb.AppendLine();
        sb.AppendLine("## All metrics (mean per track)");
        sb.AppendLine();
        sb.AppendLine(inv, $"| metric | set | {string.Join(" | ", TrackNames)} |");
        sb.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", TrackNames.Count)));
        foreach (var (metric, sets) in Metrics)
            foreach (var set in Sets)
                sb.AppendLine(inv, $"| {metric} | {set} | {string.Join(" | ", sets[set].Select(F))} |");
        return sb.ToString();
    }

    private static string F(double? v) => v is double x ? x.ToString("F3", CultureInfo.InvariantCulture) : "–";
}
