namespace Cantus.Service.Composing;

/// <summary>
/// How <see cref="ComposeMelody"/> batches compose requests for one model into shared generator
/// forward passes (dynamic batching, as inference servers do; docs/operations.md, "Load").
/// </summary>
public sealed record ComposeBatching
{
    /// <summary>No batching: one request per forward pass, in arrival order (the CLI's; a single user gains nothing by waiting).</summary>
    public static ComposeBatching Off { get; } = new() { Wait = TimeSpan.Zero };

    /// <summary>The server's default: wait up to 2 ms, at most 32 windows per pass.</summary>
    public static ComposeBatching Default { get; } = new();

    /// <summary>Most time a request waits for others to join its pass, counted from its arrival (0: no batching).</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Most generator windows (windows × candidates) in one forward pass: a pass starts as soon as
    /// the waiting requests reach it, and a bound on a pass's memory. A request larger than this runs
    /// alone, in passes of this many windows. Default 32 (the composer's own pass size): the
    /// generator's CPU per window falls little beyond 16 windows (docs/operations.md, "Load"), and
    /// a pass of 32 windows of the shipped model takes about 25 ms on two cores.
    /// </summary>
    public int MaxWindows { get; init; } = 32;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentException">The wait is negative or above 10 s, or the window limit is below 1.</exception>
    public void Validate()
    {
        if (Wait < TimeSpan.Zero || Wait > MaxWait)
            throw new ArgumentException($"The batching wait must be 0..{MaxWait.TotalMilliseconds} ms, not {Wait.TotalMilliseconds} ms.", "composeBatchWaitMs");
        if (MaxWindows < 1) throw new ArgumentException($"A pass holds at least one window, not {MaxWindows}.", "maxWindows");
    }

    /// <summary>The longest wait accepted (a wait is meant to be a few milliseconds).</summary>
    public static TimeSpan MaxWait { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The default settings with a wait in milliseconds (the configuration's <c>Cantus:ComposeBatchWaitMs</c>; 0 turns batching off).</summary>
    /// <exception cref="ArgumentException">The wait is outside 0..10000 ms.</exception>
    public static ComposeBatching FromWaitMs(double waitMs)
    {
        if (!(waitMs >= 0 && waitMs <= MaxWait.TotalMilliseconds))
            throw new ArgumentException($"The batching wait must be 0..{MaxWait.TotalMilliseconds} ms, not {waitMs} ms.", "composeBatchWaitMs");
        return new ComposeBatching { Wait = TimeSpan.FromMilliseconds(waitMs) };
    }
}
