using Cantus.Service.Compositions;

namespace Cantus.Web.Api;

/// <summary>A composition on the wire: what <see cref="CompositionView"/> holds and links to its files.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Steps">Length in 16th-note steps.</param>
/// <param name="Bars">Length in 4/4 bars.</param>
/// <param name="TempoBpm">Tempo.</param>
/// <param name="Seed">The latent's seed ("another take": a new seed).</param>
/// <param name="Candidates">Candidates generated.</param>
/// <param name="CriticScore">The critic's score of the chosen candidate.</param>
/// <param name="MelodyId">The stored melody.</param>
/// <param name="MelodyName">The melody's file name.</param>
/// <param name="Options">The options it was made with.</param>
/// <param name="Repairs">What reading the uploaded MIDI repaired, in words.</param>
/// <param name="Shared">True while a share link exists.</param>
/// <param name="CreatedAt">When it was composed.</param>
/// <param name="RevisedAt">When its MIDI was last replaced by an edited one (<c>PUT …/midi</c>), or null if never.</param>
/// <param name="ComposeMs">Milliseconds spent composing.</param>
/// <param name="Links">Where its files are.</param>
public sealed record CompositionDto(
    string Id, string Model, int Steps, int Bars, double TempoBpm, long Seed, int Candidates, double? CriticScore,
    string MelodyId, string MelodyName, CompositionOptions Options, IReadOnlyList<string> Repairs, bool Shared, DateTimeOffset CreatedAt,
    DateTimeOffset? RevisedAt, double ComposeMs, CompositionLinks Links)
{
    /// <summary>The DTO of an owner's composition.</summary>
    public static CompositionDto Of(CompositionView v) => From(v, $"/api/compositions/{v.Id}", v.ShareToken is { } t ? $"/api/shared/{t}" : null);

    /// <summary>The DTO of a composition seen through its share link.</summary>
    public static CompositionDto OfShared(CompositionView v, string token) => From(v, $"/api/shared/{token}", $"/api/shared/{token}") with { Shared = true };

    private static CompositionDto From(CompositionView v, string self, string? share) => new(
        v.Id, v.Model, v.Steps, v.Bars, v.TempoBpm, v.Seed, v.Candidates, v.CriticScore, v.MelodyId, v.MelodyName, v.Options, v.Repairs,
        v.ShareToken is not null, v.CreatedAt, v.RevisedAt, v.ComposeMs, new CompositionLinks(self, self + "/midi", self + "/wav", self + "/png", share));
}

/// <summary>Links of a composition.</summary>
/// <param name="Self">The composition.</param>
/// <param name="Midi">Its MIDI file (audio/midi).</param>
/// <param name="Wav">Its audio (audio/wav).</param>
/// <param name="Png">Its piano roll (image/png).</param>
/// <param name="Share">Its public share link while shared, else null.</param>
public sealed record CompositionLinks(string Self, string Midi, string Wav, string Png, string? Share);
