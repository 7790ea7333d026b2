using Cantus.Gan.Models;
using Cantus.Gan.Networks;

namespace Cantus.Service.Models;

/// <summary>What the library says of a model: its name, whether it is a read-only sample, what its model.json records.</summary>
/// <param name="Id">Its id in the store (null for a model directory named by path).</param>
/// <param name="Name">Its name in the library.</param>
/// <param name="IsSample">True for the sample models shipped with Cantus (read-only).</param>
/// <param name="Description">What it is for.</param>
/// <param name="Genre">The kind of music it writes.</param>
/// <param name="Tags">Labels.</param>
/// <param name="Parent">The name of the model it was cloned from.</param>
/// <param name="Architecture">The networks' sizes.</param>
/// <param name="VoiceNames">Names of its tracks, melody included.</param>
/// <param name="Iterations">Iterations trained, when known.</param>
/// <param name="Cleanup">Its calibrated clean-up settings, when calibrated.</param>
/// <param name="Evaluation">Headline evaluation figures, when evaluated.</param>
/// <param name="HasCritic">True when the critic is stored (needed to rank candidates).</param>
public sealed record ModelSummary(
    string? Id,
    string Name,
    bool IsSample,
    string? Description,
    string? Genre,
    IReadOnlyList<string> Tags,
    string? Parent,
    GanArchitecture Architecture,
    IReadOnlyList<string> VoiceNames,
    int? Iterations,
    CleanupSettings? Cleanup,
    IReadOnlyDictionary<string, double?>? Evaluation,
    bool HasCritic);
