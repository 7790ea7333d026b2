namespace Cantus.Service.Datasets;

/// <summary>What an import stored and what it left out.</summary>
/// <param name="Dataset">The new dataset.</param>
/// <param name="Skipped">Entries left out and why, in words (not MIDI, unreadable, ...).</param>
/// <param name="Repairs">MIDI files repaired on reading, and what was repaired.</param>
public sealed record ImportResult(DatasetSummary Dataset, IReadOnlyList<string> Skipped, IReadOnlyList<string> Repairs);
