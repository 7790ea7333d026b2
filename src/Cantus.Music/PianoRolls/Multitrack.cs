namespace Cantus.Music.PianoRolls;

/// <summary>
/// A multitrack piano roll: tracks of equal length on a grid of <see cref="StepsPerBeat"/>
/// steps per beat (quarter note), with the tempo and time signature of the piece.
/// </summary>
public sealed class Multitrack
{
    private readonly List<PianoRollTrack> _tracks = [];

    /// <summary>Creates an empty multitrack of <paramref name="steps"/> steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Multitrack(int steps, int stepsPerBeat = 4, double tempoBpm = 100, TimeSignature? timeSignature = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerBeat, 1);
        if (!(tempoBpm > 0) || double.IsInfinity(tempoBpm)) throw new ArgumentOutOfRangeException(nameof(tempoBpm), tempoBpm, "Tempo must be positive.");
        Steps = steps;
        StepsPerBeat = stepsPerBeat;
        TempoBpm = tempoBpm;
        TimeSignature = timeSignature ?? TimeSignature.Common;
    }

    /// <summary>Number of time steps of every track.</summary>
    public int Steps { get; }

    /// <summary>Steps per beat (quarter note); 4 means a 16th-note grid.</summary>
    public int StepsPerBeat { get; }

    /// <summary>Tempo in quarter notes per minute.</summary>
    public double TempoBpm { get; set; }

    /// <summary>Time signature of the piece.</summary>
    public TimeSignature TimeSignature { get; set; }

    /// <summary>Steps in one bar under <see cref="TimeSignature"/>.</summary>
    public int StepsPerBar => TimeSignature.StepsPerBar(StepsPerBeat);

    /// <summary>The tracks in order.</summary>
    public IReadOnlyList<PianoRollTrack> Tracks => _tracks;

    /// <summary>Appends a track; its length must equal <see cref="Steps"/>.</summary>
    /// <exception cref="ArgumentException">The track's length differs.</exception>
    public PianoRollTrack Add(PianoRollTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (track.Steps != Steps) throw new ArgumentException($"Track has {track.Steps} steps; the multitrack has {Steps}.", nameof(track));
        _tracks.Add(track);
        return track;
    }

    /// <summary>Appends a new silent track.</summary>
    public PianoRollTrack AddTrack(string name = "", int program = 0, bool isDrum = false) =>
        Add(new PianoRollTrack(Steps, name, program, isDrum));

    /// <summary>Copies steps [start, start + length) of every track.</summary>
    public Multitrack Slice(int start, int length)
    {
        var result = new Multitrack(length, StepsPerBeat, TempoBpm, TimeSignature);
        foreach (var t in _tracks) result.Add(t.Slice(start, length));
        return result;
    }
}
