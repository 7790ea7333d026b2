using Cantus.Gan.Models;

namespace Cantus.Gan.Evaluation;

/// <summary>What <see cref="CleanupCalibration"/> tried and chose.</summary>
/// <param name="Chosen">The settings with the highest similarity index (ties: the higher threshold, then the lower penalty).</param>
/// <param name="ChosenSimilarity">Their similarity index on the calibration windows.</param>
/// <param name="Grid">Every (threshold, key penalty, similarity index) tried.</param>
/// <param name="Windows">Windows measured.</param>
public sealed record CalibrationResult(CleanupSettings Chosen, double ChosenSimilarity, IReadOnlyList<(float Threshold, float KeyPenalty, double Similarity)> Grid, int Windows);
