namespace Cantus.Service.Datasets;

/// <summary>What seeding did with one built-in dataset.</summary>
/// <param name="Name">The dataset, e.g. <c>jsb-chorales</c>.</param>
/// <param name="Outcome">Stored, already stored, not in the folder, or refused.</param>
/// <param name="Source">The folder its files were read from (or looked for in).</param>
/// <param name="ArchiveSha256">The blob of its files in the store, when it is there.</param>
/// <param name="Pieces">Its pieces, when it is in the store.</param>
/// <param name="Detail">A sentence for people: what was done, or why it was refused.</param>
public sealed record DatasetSeedResult(string Name, DatasetSeedOutcome Outcome, string Source, string? ArchiveSha256, int? Pieces, string Detail);
