namespace Cantus.Service.Storage.Library;

/// <summary>
/// A model (table <c>models</c>): a sample model from the repository's <c>models/</c> folder
/// (no owner, read-only, weights on disk at <see cref="SourcePath"/>) or a user's custom model
/// (weights in a blob). JSON columns are JSON text; the service layer (de)serialises them.
/// </summary>
public sealed record ModelRecord
{
    /// <summary>The id; left empty on create, the store assigns one.</summary>
    public string Id { get; init; } = "";

    /// <summary>The owner; null for a sample model.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The name, unique per owner (and among sample models).</summary>
    public required string Name { get; init; }

    /// <summary>A description for people.</summary>
    public string Description { get; init; } = "";

    /// <summary>Tags, a JSON array.</summary>
    public string Tags { get; init; } = "[]";

    /// <summary>The genre, if known.</summary>
    public string? Genre { get; init; }

    /// <summary>The architecture block, JSON.</summary>
    public string Architecture { get; init; } = "{}";

    /// <summary>The model.json text.</summary>
    public string Config { get; init; } = "{}";

    /// <summary>Headline evaluation figures, JSON; null before any evaluation.</summary>
    public string? Evaluation { get; init; }

    /// <summary>The SHA-256 of the safetensors blob; null for a sample model.</summary>
    public string? WeightsSha256 { get; init; }

    /// <summary>The folder a sample model is read from; null for a custom model.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The model this one was cloned from, if any.</summary>
    public string? ParentId { get; init; }

    /// <summary>True for a sample model.</summary>
    public bool IsSample { get; init; }

    /// <summary>When it was stored (set by the store).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed (set by the store).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
