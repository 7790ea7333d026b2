using Cantus.Gan.Composing;
using Cantus.Gan.Models;
using Cantus.Music.Datasets;
using Cantus.Music.Metrics;

namespace Cantus.Gan.Evaluation;

/// <summary>
/// Chooses a model's clean-up settings (<see cref="CleanupSettings"/>) on held-out windows: the
/// generator runs once over the split's melodies, then every (threshold, key penalty) of the
/// grid decodes that same output and is scored by the similarity index of the voices to Bach's
/// voices of the same windows. The test split is refused: settings chosen on it would make
/// the test figures optimistic.
/// </summary>
public static class CleanupCalibration
{
    /// <summary>Thresholds tried (tanh units).</summary>
    public static IReadOnlyList<float> Thresholds { get; } = [-1f, -0.9f, -0.8f, -0.6f, -0.4f, -0.2f, 0f];

    /// <summary>Key penalties tried (tanh units).</summary>
    public static IReadOnlyList<float> KeyPenalties { get; } = [0f, 0.25f, 0.5f, 0.75f, 1f];

    /// <summary>Runs the calibration on <paramref name="options"/>' split (train or valid) of the dataset <paramref name="datasets"/> resolves.</summary>
    /// <exception cref="ArgumentException">The split is the test split, or the options ask for raw output.</exception>
    /// <exception cref="InvalidDataException">The split gives no windows.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static CalibrationResult Calibrate(GanModel model, EvaluationOptions options, IDatasetResolver? datasets = null,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Split == DatasetSplit.Test) throw new ArgumentException("Calibrate on held-out data other than the test split (e.g. the valid split): settings chosen on the test split would flatter its figures.", "split");
        if (options.Raw) throw new ArgumentException("The raw output has no clean-up to calibrate.", "raw");
        var dataset = (datasets ?? new DatasetSource()).Open(options.Dataset);
        var bach = Evaluator.SplitWindows(model, options, dataset);
        var reference = SetMetrics.Compute(bach, MetricOptions.Default);
        var composer = new Composer(model);
        var melodies = bach.Select(w => w.Tracks[0]).ToList();
        var (output, shifts) = composer.GenerateWindows(melodies, options.Seed, cancellationToken, progress);
        var settings = (long)Thresholds.Count * KeyPenalties.Count;
        var grid = new List<(float, float, double)>();
        CleanupSettings? best = null;
        var bestSimilarity = double.NegativeInfinity;
        // Highest threshold first, lowest penalty first: a tie keeps the setting closest to the lab's output.
        foreach (var threshold in Thresholds.OrderDescending())
            foreach (var penalty in KeyPenalties.Order())
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new WorkProgress("calibrating", grid.Count, settings));
                var decoded = composer.DecodeWindows(melodies, output, shifts, new ComposeOptions { Threshold = threshold, KeyPenalty = penalty });
                var similarity = VoiceSimilarity.Compute(SetMetrics.Compute(decoded, MetricOptions.Default), reference) ?? 0;
                grid.Add((threshold, penalty, similarity));
                if (similarity > bestSimilarity)
                {
                    bestSimilarity = similarity;
                    best = new CleanupSettings { Threshold = threshold, KeyPenalty = penalty, CalibratedOn = $"{options.Dataset} {options.Split.Name()}, {bach.Count} windows, seed {options.Seed}" };
                }
            }
        return new CalibrationResult(best!, bestSimilarity, grid, bach.Count);
    }
}
