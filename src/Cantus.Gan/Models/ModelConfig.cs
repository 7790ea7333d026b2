using Cantus.Gan.Networks;
using Cantus.Gan.Training;

namespace Cantus.Gan.Models;

/// <summary>
/// What <c>model.json</c> holds: the architecture (needed to build the networks), the voice
/// names, which track is the melody, and, when known, how the model was trained and how it
/// scored. A model directory without <c>model.json</c> is read with <see cref="Default"/>.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>The format tag written to every <c>model.json</c>.</summary>
    public const string FormatName = "cantus-gan-model";

    /// <summary>The lab's architecture, the JSB voice names and melody track 0.</summary>
    public static ModelConfig Default { get; } = new();

    /// <summary>Format tag, <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Format version (1).</summary>
    public int Version { get; init; } = 1;

    /// <summary>The networks' sizes.</summary>
    public GanArchitecture Architecture { get; init; } = GanArchitecture.Lab;

    /// <summary>Names of the generator's output tracks (default soprano, alto, tenor, bass).</summary>
    public IReadOnlyList<string> VoiceNames { get; init; } = ["soprano", "alto", "tenor", "bass"];

    /// <summary>The track that is the melody (the generator's condition); default 0.</summary>
    public int ConditionTrack { get; init; }

    /// <summary>How the model was trained (null when unknown, e.g. weights from PyTorch).</summary>
    public TrainingOptions? Training { get; init; }

    /// <summary>Iterations trained (null when unknown).</summary>
    public int? Iterations { get; init; }

    /// <summary>Clean-up settings chosen on held-out data (null: threshold 0, no key rule).</summary>
    public CleanupSettings? Cleanup { get; init; }

    /// <summary>What the model is for, in a sentence or two (null: none).</summary>
    public string? Description { get; init; }

    /// <summary>The kind of music it writes, e.g. "chorale" (null: unknown).</summary>
    public string? Genre { get; init; }

    /// <summary>Labels for finding it (empty: none).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The model it was cloned from (null: none).</summary>
    public string? Parent { get; init; }

    /// <summary>Headline evaluation figures (e.g. "similarity_index", "consonance_rate.alto"); null when not evaluated.</summary>
    public IReadOnlyDictionary<string, double?>? Evaluation { get; init; }
}
