namespace Cantus.Tensors.Serialization;

/// <summary>
/// Bounds a safetensors reader enforces before allocating, so hostile files fail fast.
/// Defaults: the reference implementation's 100 MB header cap, 2 GiB of data (one array), 65 536
/// tensors, rank 8.
/// </summary>
public sealed record SafeTensorsLimits
{
    /// <summary>The defaults.</summary>
    public static SafeTensorsLimits Default { get; } = new();

    /// <summary>Largest JSON header accepted, in bytes.</summary>
    public long MaxHeaderBytes { get; init; } = 100_000_000;

    /// <summary>Largest data section accepted, in bytes.</summary>
    public long MaxDataBytes { get; init; } = Array.MaxLength;

    /// <summary>Most tensors accepted.</summary>
    public int MaxTensors { get; init; } = 65_536;

    /// <summary>Highest tensor rank accepted.</summary>
    public int MaxRank { get; init; } = 8;
}
