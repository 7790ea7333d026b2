namespace Cantus.Service.Compositions;

/// <summary>The options a composition was made with, as stored with it.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="MelodyTrack">The melody track asked for.</param>
/// <param name="Threshold">The threshold asked for (null: the model's).</param>
/// <param name="KeyPenalty">The key penalty asked for (null: the model's).</param>
/// <param name="Programs">General-MIDI programs per output track.</param>
public sealed record CompositionOptions(string Model, string? MelodyTrack, float? Threshold, float? KeyPenalty, IReadOnlyList<int> Programs);
