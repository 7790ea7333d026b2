namespace Cantus.Service.Storage.Library;

/// <summary>An uploaded or recorded melody (table <c>melodies</c>).</summary>
public sealed record MelodyRecord
{
    /// <summary>The id; left empty on create, the store assigns one.</summary>
    public string Id { get; init; } = "";

    /// <summary>The user it belongs to.</summary>
    public required string OwnerId { get; init; }

    /// <summary>Its name (usually the uploaded file's).</summary>
    public required string Name { get; init; }

    /// <summary>Where it came from: one of <see cref="MelodySources"/>.</summary>
    public required string Source { get; init; }

    /// <summary>The tempo in beats per minute.</summary>
    public double TempoBpm { get; init; }

    /// <summary>Its length in bars.</summary>
    public int Bars { get; init; }

    /// <summary>Its length in piano-roll time steps.</summary>
    public int Steps { get; init; }

    /// <summary>The SHA-256 of the MIDI blob.</summary>
    public required string MidiSha256 { get; init; }

    /// <summary>The repairs the reader made, as a JSON array.</summary>
    public string Repairs { get; init; } = "[]";

    /// <summary>When it was stored (set by the store).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
