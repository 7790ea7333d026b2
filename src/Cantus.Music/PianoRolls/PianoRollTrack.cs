namespace Cantus.Music.PianoRolls;

/// <summary>
/// One track of a piano roll: <see cref="Steps"/> time steps × 128 MIDI pitches, each cell a
/// velocity (0 = silent, 1..127 = sounding). A binary roll stores 1 or any non-zero velocity.
/// </summary>
public sealed class PianoRollTrack
{
    /// <summary>Number of MIDI pitches per step.</summary>
    public const int PitchCount = 128;

    private readonly byte[] _cells; // (steps, 128), row-major

    /// <summary>Creates a silent track of <paramref name="steps"/> steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">steps is negative.</exception>
    public PianoRollTrack(int steps, string name = "", int program = 0, bool isDrum = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(program);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(program, 127);
        Steps = steps;
        Name = name;
        Program = program;
        IsDrum = isDrum;
        _cells = new byte[checked(steps * PitchCount)];
    }

    /// <summary>Number of time steps.</summary>
    public int Steps { get; }

    /// <summary>Track name (MIDI sequence/track name meta event).</summary>
    public string Name { get; set; }

    /// <summary>General MIDI program number 0..127.</summary>
    public int Program { get; set; }

    /// <summary>True for a percussion track (MIDI channel 10).</summary>
    public bool IsDrum { get; set; }

    /// <summary>Velocity at (step, pitch); 0 means silent.</summary>
    public byte this[int step, int pitch]
    {
        get => _cells[Index(step, pitch)];
        set
        {
            if (value > 127) throw new ArgumentOutOfRangeException(nameof(value), value, "Velocity must be 0..127.");
            _cells[Index(step, pitch)] = value;
        }
    }

    /// <summary>True when the cell (step, pitch) sounds.</summary>
    public bool IsActive(int step, int pitch) => _cells[Index(step, pitch)] != 0;

    /// <summary>The 128 velocities of one step.</summary>
    public ReadOnlySpan<byte> StepCells(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, Steps);
        return _cells.AsSpan(step * PitchCount, PitchCount);
    }

    /// <summary>All cells, (steps, 128) row-major.</summary>
    public ReadOnlySpan<byte> Cells => _cells;

    /// <summary>All cells, writable, (steps, 128) row-major.</summary>
    public Span<byte> MutableCells => _cells;

    /// <summary>True when no cell sounds.</summary>
    public bool IsEmpty => !_cells.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>Copies steps [start, start + length) into a new track with the same name, program and drum flag.</summary>
    public PianoRollTrack Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Steps);
        var result = new PianoRollTrack(length, Name, Program, IsDrum);
        _cells.AsSpan(start * PitchCount, length * PitchCount).CopyTo(result._cells);
        return result;
    }

    /// <summary>A copy of this track with <paramref name="steps"/> steps (cut or padded with silence).</summary>
    public PianoRollTrack Resize(int steps)
    {
        var result = new PianoRollTrack(steps, Name, Program, IsDrum);
        var n = Math.Min(steps, Steps) * PitchCount;
        _cells.AsSpan(0, n).CopyTo(result._cells);
        return result;
    }

    private int Index(int step, int pitch)
    {
        if ((uint)step >= (uint)Steps) throw new ArgumentOutOfRangeException(nameof(step), step, $"Step must be in [0, {Steps}).");
        if ((uint)pitch >= PitchCount) throw new ArgumentOutOfRangeException(nameof(pitch), pitch, "Pitch must be in [0, 128).");
        return step * PitchCount + pitch;
    }
}
