using Cantus.Gan.Evaluation;
using Cantus.Service.Errors;
using Cantus.Service.Models;

namespace Cantus.Service.Evaluation;

/// <summary>Which model to measure, on what, and whether to keep the figures with the model.</summary>
public sealed record EvaluateRequest
{
    /// <summary>Whose request it is (default: the single local user).</summary>
    public string OwnerId { get; init; } = Storage.Accounts.UserRepository.LocalUserId;

    /// <summary>The model (null: the default model).</summary>
    public ModelRef? Model { get; init; }

    /// <summary>Dataset, split, windows, seed and clean-up settings.</summary>
    public EvaluationOptions Options { get; init; } = new();

    /// <summary>Store the headline figures in the model's model.json (evaluation) or the chosen clean-up (calibration).</summary>
    public bool Record { get; init; }

    /// <summary>Checks the options; <see cref="ErrorKind.InvalidOptions"/> names the field.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Options);
        CantusException.Check(Options.Validate);
    }
}
