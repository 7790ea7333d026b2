namespace Cantus.Service.Storage.Library;

/// <summary>
/// A training dataset (table <c>datasets</c>): a built-in one (no owner, seen by every user: JSB
/// chorales, the lab's snippets) or a user's import of a zip of MIDI files.
/// </summary>
public sealed record DatasetRecord
{
    /// <summary>The id; left empty on create, the store assigns one.</summary>
    public string Id { get; init; } = "";

    /// <summary>The owner; null for a built-in dataset.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The name, unique per owner (and among built-in datasets).</summary>
    public required string Name { get; init; }

    /// <summary>What kind of data: one of <see cref="DatasetKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Tags, a JSON array.</summary>
    public string Tags { get; init; } = "[]";

    /// <summary>A description for people.</summary>
    public string Description { get; init; } = "";

    /// <summary>How many pieces it holds.</summary>
    public int Pieces { get; init; }

    /// <summary>
    /// The SHA-256 of the archive blob holding the dataset's files (a zip): an import's MIDI files,
    /// or a built-in dataset's files once downloaded or seeded into the store; null for a built-in
    /// dataset the store does not hold yet, and for a folder of a node's data directory.
    /// </summary>
    public string? ArchiveSha256 { get; init; }

    /// <summary>Whether it can be used: one of <see cref="DatasetStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>When it was stored (set by the store).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
