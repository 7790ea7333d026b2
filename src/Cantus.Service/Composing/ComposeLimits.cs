namespace Cantus.Service.Composing;

/// <summary>Limits on what a composition request may ask for (configurable; checked before the work).</summary>
public sealed record ComposeLimits
{
    /// <summary>The defaults for requests from the network: 1 MiB of MIDI, 1024 windows (2048 bars of 4/4 at the shipped model's 2 bars per window).</summary>
    public static ComposeLimits Default { get; } = new();

    /// <summary>Limits for a local user's own files: 64 MiB of MIDI, same window limit.</summary>
    public static ComposeLimits Local { get; } = new() { MaxMelodyBytes = 64L << 20 };

    /// <summary>Largest melody file, in bytes.</summary>
    public long MaxMelodyBytes { get; init; } = 1L << 20;

    /// <summary>Longest melody, in windows of the model.</summary>
    public int MaxWindows { get; init; } = 1024;
}
