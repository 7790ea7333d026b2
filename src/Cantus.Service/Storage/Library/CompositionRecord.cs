namespace Cantus.Service.Storage.Library;

/// <summary>A composition (table <c>compositions</c>): a melody, a model, the options, and the result's blobs.</summary>
public sealed record CompositionRecord
{
    /// <summary>The id; left empty on create, the store assigns one.</summary>
    public string Id { get; init; } = "";

    /// <summary>The user it belongs to.</summary>
    public required string OwnerId { get; init; }

    /// <summary>The input melody (the owner's).</summary>
    public required string MelodyId { get; init; }

    /// <summary>The model used (the owner's or a sample).</summary>
    public required string ModelId { get; init; }

    /// <summary>The composing options, JSON.</summary>
    public string Options { get; init; } = "{}";

    /// <summary>The random seed.</summary>
    public long Seed { get; init; }

    /// <summary>How many candidates were generated.</summary>
    public int Candidates { get; init; }

    /// <summary>The result's length in time steps.</summary>
    public int Steps { get; init; }

    /// <summary>The SHA-256 of the result's MIDI blob.</summary>
    public required string MidiSha256 { get; init; }

    /// <summary>The SHA-256 of the rendered WAV blob, if rendered.</summary>
    public string? WavSha256 { get; init; }

    /// <summary>The SHA-256 of the piano-roll PNG blob, if drawn.</summary>
    public string? PngSha256 { get; init; }

    /// <summary>The critic's score of the chosen candidate, if computed.</summary>
    public double? CriticScore { get; init; }

    /// <summary>How long each stage took, JSON.</summary>
    public string Timings { get; init; } = "{}";

    /// <summary>The public share token while shared; null when not shared.</summary>
    public string? ShareToken { get; init; }

    /// <summary>When it was shared, while shared.</summary>
    public DateTimeOffset? SharedAt { get; init; }

    /// <summary>When it was stored (set by the store).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its MIDI was last replaced by an edited one (<see cref="CompositionRepository.ReviseAsync"/>), or null (set by the store).</summary>
    public DateTimeOffset? RevisedAt { get; init; }
}
