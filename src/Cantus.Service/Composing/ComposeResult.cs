using Cantus.Gan.Composing;

namespace Cantus.Service.Composing;

/// <summary>An accompanied melody: the composition, its files, and what happened on the way.</summary>
/// <param name="Composition">The result (MIDI file, piano roll, latent used, critic score, ...).</param>
/// <param name="ModelName">The model that wrote it.</param>
/// <param name="Midi">The result as a Standard MIDI File.</param>
/// <param name="Png">The piano-roll picture, when asked for.</param>
/// <param name="Wav">The audio, when asked for.</param>
/// <param name="Repairs">What lenient reading repaired in the melody file, in words (empty: nothing).</param>
/// <param name="Timings">Where the time went.</param>
public sealed record ComposeResult(
    Composition Composition,
    string ModelName,
    byte[] Midi,
    byte[]? Png,
    byte[]? Wav,
    IReadOnlyList<string> Repairs,
    ComposeTimings Timings);
