namespace Cantus.Music.Datasets;

/// <summary>Size of one split: pieces, their total steps, and training samples after windowing.</summary>
/// <param name="Split">The split.</param>
/// <param name="Pieces">Number of pieces.</param>
/// <param name="Steps">Total time steps over the pieces.</param>
/// <param name="Samples">Samples after windowing (transposed copies included).</param>
public sealed record SplitInfo(DatasetSplit Split, int Pieces, long Steps, int Samples);
