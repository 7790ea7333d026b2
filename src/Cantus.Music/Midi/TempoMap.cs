namespace Cantus.Music.Midi;

/// <summary>
/// Converts ticks to seconds and back for a MIDI file, honouring tempo changes (120 BPM,
/// 500,000 µs per quarter, until the first tempo event) or SMPTE timing (fixed seconds per tick).
/// </summary>
public sealed class TempoMap
{
    /// <summary>The tempo before any tempo event: 500,000 µs per quarter (120 BPM), SMF 1.0.</summary>
    public const int DefaultMicrosecondsPerQuarter = 500_000;

    private readonly long[] _ticks;       // tempo change ticks, ascending, first is 0
    private readonly int[] _tempos;       // µs per quarter from _ticks[i]
    private readonly double[] _seconds;   // seconds at _ticks[i]
    private readonly double _smpteSecondsPerTick;
    private readonly int _ticksPerQuarter;

    private TempoMap(TimeDivision division, IEnumerable<(long Tick, int Tempo)> changes)
    {
        _ticksPerQuarter = division.TicksPerQuarter;
        _smpteSecondsPerTick = division.IsSmpte ? division.SmpteSecondsPerTick : 0;
        var ticks = new List<long> { 0 };
        var tempos = new List<int> { DefaultMicrosecondsPerQuarter };
        foreach (var (tick, tempo) in changes.OrderBy(c => c.Tick)) // stable: the later event at a tick wins
        {
            if (tick == ticks[^1]) tempos[^1] = tempo;
            else { ticks.Add(tick); tempos.Add(tempo); }
        }
        _ticks = [.. ticks];
        _tempos = [.. tempos];
        _seconds = new double[_ticks.Length];
        for (var i = 1; i < _ticks.Length; i++)
            _seconds[i] = _seconds[i - 1] + SecondsFor(_ticks[i] - _ticks[i - 1], _tempos[i - 1]);
    }

    /// <summary>The tempo changes as (tick, microseconds per quarter), starting at tick 0.</summary>
    public IReadOnlyList<(long Tick, int MicrosecondsPerQuarter)> Changes => [.. _ticks.Zip(_tempos)];

    /// <summary>True when the file uses SMPTE (absolute) timing and tempo events do not apply.</summary>
    public bool IsSmpte => _smpteSecondsPerTick > 0;

    /// <summary>
    /// The tempo map of <paramref name="midi"/>: for formats 0 and 1 the tempo events of all
    /// tracks; for format 2 those of track <paramref name="track"/> only (each its own sequence).
    /// </summary>
    public static TempoMap Create(MidiFile midi, int track = 0)
    {
        ArgumentNullException.ThrowIfNull(midi);
        var tracks = midi.Format == 2 ? [midi.Tracks[track]] : midi.Tracks;
        var changes = tracks.SelectMany(t => t.Events)
            .OfType<MetaEvent>()
            .Where(e => e.MicrosecondsPerQuarter is > 0)
            .Select(e => (e.Tick, e.MicrosecondsPerQuarter!.Value));
        return new TempoMap(midi.Division, changes);
    }

    /// <summary>Seconds from the start at <paramref name="tick"/>.</summary>
    public double ToSeconds(long tick)
    {
        if (IsSmpte) return tick * _smpteSecondsPerTick;
        var i = Segment(tick);
        return _seconds[i] + SecondsFor(tick - _ticks[i], _tempos[i]);
    }

    /// <summary>The tick at <paramref name="seconds"/> from the start (fractional).</summary>
    public double ToTicks(double seconds)
    {
        if (IsSmpte) return seconds / _smpteSecondsPerTick;
        var i = Array.BinarySearch(_seconds, seconds);
        if (i < 0) i = ~i - 1;
        i = Math.Max(i, 0);
        return _ticks[i] + (seconds - _seconds[i]) * 1e6 * _ticksPerQuarter / _tempos[i];
    }

    /// <summary>Microseconds per quarter in force at <paramref name="tick"/>.</summary>
    public int MicrosecondsPerQuarterAt(long tick) => _tempos[Segment(tick)];

    private int Segment(long tick)
    {
        var i = Array.BinarySearch(_ticks, tick);
        return i >= 0 ? i : Math.Max(~i - 1, 0);
    }

    private double SecondsFor(long ticks, int tempo) => IsSmpte ? ticks * _smpteSecondsPerTick : ticks * (tempo / 1e6) / _ticksPerQuarter;
}
