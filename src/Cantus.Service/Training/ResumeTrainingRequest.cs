using Cantus.Gan.Training;
using Cantus.Service.Errors;

namespace Cantus.Service.Training;

/// <summary>Continue a run from its last checkpoint, optionally with a new length or new learning rates from here on.</summary>
public sealed record ResumeTrainingRequest
{
    /// <summary>Where the run is kept.</summary>
    public required IRunStore Run { get; init; }

    /// <summary>A new total number of iterations (null: the run's).</summary>
    public int? Iterations { get; init; }

    /// <summary>A new generator learning rate from here on (null: the run's).</summary>
    public float? GeneratorLearningRate { get; init; }

    /// <summary>A new critic learning rate from here on (null: the run's).</summary>
    public float? CriticLearningRate { get; init; }

    /// <summary>Choose the clean-up settings on the valid split when training ends (default true).</summary>
    public bool Calibrate { get; init; } = true;

    /// <summary>Checks the new values' ranges (the same as a new run's).</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Run);
        var probe = new TrainingOptions
        {
            Iterations = Iterations ?? 1,
            GeneratorLearningRate = GeneratorLearningRate ?? 1e-3f,
            CriticLearningRate = CriticLearningRate ?? 1e-3f,
        };
        CantusException.Check(probe.Validate);
    }
}
