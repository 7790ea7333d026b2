namespace Cantus.Service.Storage.Blobs;

/// <summary>Every column that refers to a blob: what garbage collection must find unreferenced.</summary>
internal static class BlobReferences
{
    private static readonly (string Table, string Column)[] Columns =
    [
        ("melodies", "midi_sha256"),
        ("models", "weights_sha256"),
        ("datasets", "archive_sha256"),
        ("compositions", "midi_sha256"),
        ("compositions", "wav_sha256"),
        ("compositions", "png_sha256"),
        ("job_samples", "midi_sha256"),
        ("job_samples", "png_sha256"),
        ("job_checkpoints", "blob_sha256"),
    ];

    /// <summary>A condition on <c>blobs</c> rows: true when no column refers to the row.</summary>
    public static string Unreferenced { get; } = string.Join(" AND ",
        Columns.Select(c => $"NOT EXISTS (SELECT 1 FROM {c.Table} r WHERE r.{c.Column} = blobs.sha256)"));
}
