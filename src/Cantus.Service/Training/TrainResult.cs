using Cantus.Gan.Evaluation;

namespace Cantus.Service.Training;

/// <summary>How a training session ended.</summary>
/// <param name="Iteration">Iterations completed (a checkpoint holds them).</param>
/// <param name="Iterations">Iterations planned.</param>
/// <param name="Stopped">True when it was canceled before the end.</param>
/// <param name="Calibration">The clean-up chosen on the valid split; null when not calibrated.</param>
/// <param name="CalibrationSkipped">Why the clean-up was not calibrated, in words; null when it was (or was not asked for).</param>
public sealed record TrainResult(long Iteration, long Iterations, bool Stopped, CalibrationResult? Calibration, string? CalibrationSkipped);
