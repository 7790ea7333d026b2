namespace Cantus.Gan.Training;

/// <summary>A progress event, reported after every iteration.</summary>
/// <param name="Iteration">Iterations completed.</param>
/// <param name="Iterations">Iterations planned.</param>
/// <param name="Losses">Losses of the iteration just completed.</param>
/// <param name="SamplesPerSecond">Samples through a network per second: batch × (critic steps + 1) ÷ seconds of the iteration.</param>
/// <param name="Elapsed">Training time so far in this process.</param>
/// <param name="Eta">Estimated time to the last iteration.</param>
/// <param name="Metrics">Metric suite of the fixed samples, when evaluated at this iteration.</param>
/// <param name="Checkpoint">Path of the checkpoint written at this iteration, if any.</param>
public sealed record TrainingProgress(
    long Iteration,
    long Iterations,
    IterationLosses Losses,
    double SamplesPerSecond,
    TimeSpan Elapsed,
    TimeSpan Eta,
    MetricsSnapshot? Metrics,
    string? Checkpoint);
