using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Service.Errors;

namespace Cantus.Service.Training;

/// <summary>A new training run: where it is kept, its hyperparameters and data, the networks' sizes, and whether to calibrate the clean-up at the end.</summary>
public sealed record TrainRequest
{
    /// <summary>Where the run is kept (must be empty).</summary>
    public required IRunStore Run { get; init; }

    /// <summary>Hyperparameters and data selection (the lab's recipe by default).</summary>
    public TrainingOptions Options { get; init; } = new();

    /// <summary>The networks' sizes (the lab's by default).</summary>
    public GanArchitecture Architecture { get; init; } = GanArchitecture.Lab;

    /// <summary>Choose the clean-up settings on the valid split when training ends (default true).</summary>
    public bool Calibrate { get; init; } = true;

    /// <summary>Checks every field; <see cref="ErrorKind.InvalidOptions"/> names the one at fault.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Run);
        ArgumentNullException.ThrowIfNull(Options);
        ArgumentNullException.ThrowIfNull(Architecture);
        CantusException.Check(Options.Validate);
        CantusException.Check(Architecture.Validate);
        if (Options.ConditionTrack >= Architecture.Tracks)
            throw CantusException.Invalid($"The melody track {Options.ConditionTrack} is outside the {Architecture.Tracks} tracks.", "conditionTrack");
    }
}
