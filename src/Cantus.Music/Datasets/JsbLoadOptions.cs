namespace Cantus.Music.Datasets;

/// <summary>
/// Limits and musical settings for <see cref="JsbChoralesLoader"/>. The limits keep a hostile
/// file from exhausting memory: a loaded step costs 4 tracks × 128 bytes, so
/// <see cref="MaxTotalSteps"/> bounds the rolls at <c>512 · MaxTotalSteps</c> bytes
/// (the real file has 92 536 steps, 47 MB of rolls).
/// </summary>
public sealed record JsbLoadOptions
{
    /// <summary>The defaults below.</summary>
    public static JsbLoadOptions Default { get; } = new();

    /// <summary>Largest file accepted, in bytes (default 16 MiB; the real file is 1.6 MB).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public long MaxFileBytes
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1); field = value; }
    } = 16L << 20;

    /// <summary>Most pieces accepted in one split (default 10 000).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int MaxPiecesPerSplit
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfNegative(value); field = value; }
    } = 10_000;

    /// <summary>Most 16th-note steps accepted in one piece (default 65 536, about 17 minutes at 100 BPM).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int MaxStepsPerPiece
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfNegative(value); field = value; }
    } = 65_536;

    /// <summary>Most steps accepted over the whole file (default 500 000, i.e. at most 256 MB of rolls).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public long MaxTotalSteps
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfNegative(value); field = value; }
    } = 500_000;

    /// <summary>General MIDI program of all four tracks (default 0, acoustic grand piano, as the DeepComposer lab).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0..127.</exception>
    public int Program
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfNegative(value); ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 127); field = value; }
    }

    /// <summary>Cell value written for a sounding voice (default 100; the file carries no dynamics).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1..127.</exception>
    public byte Velocity
    {
        get;
        init { ArgumentOutOfRangeException.ThrowIfLessThan(value, (byte)1); ArgumentOutOfRangeException.ThrowIfGreaterThan(value, (byte)127); field = value; }
    } = 100;

    /// <summary>Tempo given to every piece in quarter notes per minute (default 100, as the lab's snippets).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a positive finite number.</exception>
    public double TempoBpm
    {
        get;
        init
        {
            if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Tempo must be positive.");
            field = value;
        }
    } = 100;
}
