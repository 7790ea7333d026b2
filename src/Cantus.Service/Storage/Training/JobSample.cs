namespace Cantus.Service.Storage.Training;

/// <summary>A sample composed at a checkpoint (table <c>job_samples</c>).</summary>
public sealed record JobSample
{
    /// <summary>The iteration.</summary>
    public required int Iteration { get; init; }

    /// <summary>The SHA-256 of the sample's MIDI blob.</summary>
    public required string MidiSha256 { get; init; }

    /// <summary>The SHA-256 of its piano-roll PNG blob, if drawn.</summary>
    public string? PngSha256 { get; init; }
}
