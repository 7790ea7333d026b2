namespace Cantus.Service.Compositions;

/// <summary>A stored composition as its owner (or a share link's visitor) sees it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Model">The model's name.</param>
/// <param name="MelodyId">The stored input melody.</param>
/// <param name="MelodyName">The melody's name (its file name).</param>
/// <param name="Seed">The latent's seed.</param>
/// <param name="Candidates">Candidates generated (the critic kept one).</param>
/// <param name="Steps">Length in 16th-note steps.</param>
/// <param name="Bars">Length in 4/4 bars.</param>
/// <param name="TempoBpm">Tempo of the melody.</param>
/// <param name="CriticScore">The critic's score of the chosen candidate, when candidates were ranked.</param>
/// <param name="Options">The options it was composed with.</param>
/// <param name="Repairs">What reading the melody file repaired, in words.</param>
/// <param name="ShareToken">The share token while shared, else null (owners only).</param>
/// <param name="CreatedAt">When it was composed.</param>
/// <param name="ComposeMs">Milliseconds spent generating.</param>
/// <param name="RevisedAt">When its result was last replaced by an edited MIDI, or null if never.</param>
public sealed record CompositionView(
    string Id,
    string Model,
    string MelodyId,
    string MelodyName,
    long Seed,
    int Candidates,
    int Steps,
    int Bars,
    double TempoBpm,
    double? CriticScore,
    CompositionOptions Options,
    IReadOnlyList<string> Repairs,
    string? ShareToken,
    DateTimeOffset CreatedAt,
    double ComposeMs,
    DateTimeOffset? RevisedAt = null);
