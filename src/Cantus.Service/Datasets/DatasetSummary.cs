namespace Cantus.Service.Datasets;

/// <summary>A dataset the service knows of.</summary>
/// <param name="Name">Its name (what training requests carry).</param>
/// <param name="Kind">"jsb-chorales" (built in, downloaded from its canonical address) or "midi-folder" (imported MIDI files).</param>
/// <param name="Available">True when its data is in the data directory.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Files">MIDI files (imported datasets) or null.</param>
/// <param name="Description">What it is.</param>
public sealed record DatasetSummary(string Name, string Kind, bool Available, IReadOnlyList<string> Tags, int? Files, string Description);
