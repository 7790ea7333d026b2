namespace Cantus.Service.Datasets;

/// <summary>A dataset the service knows of.</summary>
/// <param name="Name">Its name (what training requests carry).</param>
/// <param name="Kind">"jsb-chorales" or "lab-snippets" (built in, downloaded from its canonical address or seeded), "midi-folder" (a folder of MIDI files in the node's data directory) or "midi-zip" (imported MIDI files).</param>
/// <param name="Available">True when it can be trained on: a built-in dataset the store holds (or this node's data directory), a folder, an import.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Files">MIDI files (imported datasets) or null.</param>
/// <param name="Description">What it is.</param>
public sealed record DatasetSummary(string Name, string Kind, bool Available, IReadOnlyList<string> Tags, int? Files, string Description);
