namespace Cantus.Music.Midi;

/// <summary>
/// The division field of the MThd chunk: either ticks per quarter note (bit 15 clear) or
/// SMPTE timing, frames per second and ticks per frame (bit 15 set), SMF 1.0 §2.1.
/// </summary>
public readonly record struct TimeDivision
{
    private TimeDivision(int ticksPerQuarter, int framesPerSecond, int ticksPerFrame)
    {
        TicksPerQuarter = ticksPerQuarter;
        FramesPerSecond = framesPerSecond;
        TicksPerFrame = ticksPerFrame;
    }

    /// <summary>Ticks per quarter note, or 0 for SMPTE timing.</summary>
    public int TicksPerQuarter { get; }

    /// <summary>SMPTE frames per second (24, 25, 29 for 29.97 drop-frame, 30), or 0.</summary>
    public int FramesPerSecond { get; }

    /// <summary>SMPTE ticks per frame, or 0.</summary>
    public int TicksPerFrame { get; }

    /// <summary>True for SMPTE (absolute time) division.</summary>
    public bool IsSmpte => FramesPerSecond != 0;

    /// <summary>Seconds per tick under SMPTE timing (29 means 30000/1001 frames per second).</summary>
    public double SmpteSecondsPerTick => FramesPerSecond == 29 ? 1001.0 / (30000.0 * TicksPerFrame) : 1.0 / ((double)FramesPerSecond * TicksPerFrame);

    /// <summary>Metrical timing of <paramref name="ticksPerQuarter"/> (1..32767) ticks per quarter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public static TimeDivision PerQuarter(int ticksPerQuarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerQuarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ticksPerQuarter, 0x7FFF);
        return new TimeDivision(ticksPerQuarter, 0, 0);
    }

    /// <summary>SMPTE timing: 24, 25, 29 (drop-frame 29.97) or 30 frames per second, 1..255 ticks per frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public static TimeDivision Smpte(int framesPerSecond, int ticksPerFrame)
    {
        if (framesPerSecond is not (24 or 25 or 29 or 30))
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "SMPTE frames per second must be 24, 25, 29 or 30.");
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerFrame, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ticksPerFrame, 255);
        return new TimeDivision(0, framesPerSecond, ticksPerFrame);
    }

    /// <summary>The 16-bit division word as stored in the file.</summary>
    public ushort ToWord() => IsSmpte
        ? (ushort)(((byte)(sbyte)-FramesPerSecond << 8) | TicksPerFrame)
        : (ushort)TicksPerQuarter;

    /// <inheritdoc/>
    public override string ToString() => IsSmpte ? $"SMPTE {FramesPerSecond} fps × {TicksPerFrame}" : $"{TicksPerQuarter} ticks per quarter";
}
