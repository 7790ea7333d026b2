namespace Cantus.Service.Storage.Training;

/// <summary>The losses of one training iteration (table <c>job_losses</c>).</summary>
public sealed record JobLoss
{
    /// <summary>The iteration.</summary>
    public required int Iteration { get; init; }

    /// <summary>The critic's loss.</summary>
    public double Critic { get; init; }

    /// <summary>The generator's loss.</summary>
    public double Generator { get; init; }

    /// <summary>The gradient penalty.</summary>
    public double GradientPenalty { get; init; }

    /// <summary>The Wasserstein distance estimate.</summary>
    public double Wasserstein { get; init; }

    /// <summary>Seconds this iteration took (its critic and generator steps).</summary>
    public double Seconds { get; init; }
}
