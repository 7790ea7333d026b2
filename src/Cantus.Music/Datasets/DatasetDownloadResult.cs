namespace Cantus.Music.Datasets;

/// <summary>Outcome of a dataset download.</summary>
/// <param name="Path">Full path of the verified file.</param>
/// <param name="Bytes">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
/// <param name="Downloaded">False when a verified copy was already present and nothing was fetched.</param>
public sealed record DatasetDownloadResult(string Path, long Bytes, string Sha256, bool Downloaded);
