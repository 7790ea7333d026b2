namespace Cantus.Service.Storage.Training;

/// <summary>What a refused fenced write reads to say why it was refused.</summary>
internal sealed record JobFenceRow
{
    public TrainingJobState State { get; init; }

    public string? Fence { get; init; }

    public int FenceEpoch { get; init; }
}
