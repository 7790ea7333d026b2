namespace Cantus.Service.Jobs;

/// <summary>How far a training job is.</summary>
/// <param name="Iteration">Iterations completed.</param>
/// <param name="Iterations">Iterations planned.</param>
/// <param name="EtaSeconds">Estimated seconds left while training.</param>
public sealed record TrainingJobProgress(int Iteration, int Iterations, int? EtaSeconds);
