using Cantus.Music.Midi;

namespace Cantus.Music.PianoRolls;

/// <summary>
/// Converts a MIDI file to a piano roll. A note (note-on velocity &gt; 0 until the matching
/// note-off or note-on velocity 0, matched first-in first-out per channel and pitch; notes
/// still open close at the end of their track) covers steps [round(on·r/q), round(off·r/q)),
/// at least one step, where r = steps per beat, q = ticks per quarter and round(x) = ⌊x + ½⌋.
/// Each track with notes becomes one piano-roll track in file order; a format-0 file is split
/// by channel. Channel 10 (index 9) makes a drum track. SMPTE files are gridded at 120 BPM.
/// </summary>
public static class MidiToMultitrack
{
    /// <summary>Converts <paramref name="midi"/>.</summary>
    /// <exception cref="MidiFormatException">The piece is longer than <see cref="MidiImportOptions.MaxSteps"/>.</exception>
    public static Multitrack Convert(MidiFile midi, MidiImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(midi);
        options ??= MidiImportOptions.Default;
        var grid = new StepGrid(midi, options.StepsPerBeat);
        var voices = new List<Voice>();
        for (var t = 0; t < midi.Tracks.Count; t++)
        {
            var track = midi.Tracks[t];
            if (midi.Format == 0)
            {
                for (var ch = 0; ch < 16; ch++)
                {
                    var voice = CollectNotes(track, grid, ch);
                    if (voice.Notes.Count > 0) voices.Add(voice with { Name = track.Name is { } n ? $"{n} ch{ch + 1}" : $"Channel {ch + 1}" });
                }
            }
            else
            {
                var voice = CollectNotes(track, grid, channel: null);
                if (voice.Notes.Count > 0) voices.Add(voice);
            }
        }

        var end = Math.Max(grid.Step(midi.Tracks.Max(t => t.EndTick)), voices.Count == 0 ? 0 : voices.Max(v => v.Notes.Max(n => n.End)));
        var timeSignature = FirstTimeSignature(midi);
        if (options.PadToWholeBars)
        {
            var bar = timeSignature.StepsPerBar(options.StepsPerBeat);
            end = (end + bar - 1) / bar * bar;
        }
        if (end > options.MaxSteps)
            throw new MidiFormatException($"the piece is {end} steps long, more than the limit of {options.MaxSteps} steps");
        var result = new Multitrack((int)end, options.StepsPerBeat, FirstTempoBpm(midi, options.DefaultTempoBpm), timeSignature);
        foreach (var v in voices)
        {
            var roll = result.AddTrack(v.Name, v.Program, v.IsDrum);
            var cells = roll.MutableCells;
            foreach (var n in v.Notes)
                for (var s = n.Start; s < n.End; s++)
                {
                    ref var cell = ref cells[(int)s * PianoRollTrack.PitchCount + n.Pitch];
                    cell = Math.Max(cell, (byte)n.Velocity);
                }
        }
        return result;
    }

    /// <summary>Reads a MIDI file from disk and converts it.</summary>
    public static Multitrack Read(string path, MidiReadingSettings? settings = null, MidiImportOptions? options = null) =>
        Convert(MidiFile.Read(path, settings), options);

    private static Voice CollectNotes(MidiTrack track, StepGrid grid, int? channel)
    {
        var open = new Dictionary<int, Queue<(long Tick, int Velocity)>>();
        var notes = new List<GridNote>();
        int? program = null;
        int? noteChannel = null;
        foreach (var e in track.Events)
        {
            if (e is not ChannelEvent c || (channel is { } only && c.Channel != only)) continue;
            if (c.Command == MidiCommand.ProgramChange) { program ??= c.Data1; continue; }
            var key = c.Channel << 7 | c.Data1;
            if (c.IsNoteOn)
            {
                noteChannel ??= c.Channel;
                if (!open.TryGetValue(key, out var q)) open[key] = q = new Queue<(long, int)>();
                q.Enqueue((c.Tick, c.Data2));
            }
            else if (c.IsNoteOff && open.TryGetValue(key, out var q) && q.Count > 0)
            {
                var (on, velocity) = q.Dequeue();
                notes.Add(grid.Note(on, c.Tick, c.Data1, velocity));
            }
        }
        foreach (var (key, q) in open)
            while (q.Count > 0)
            {
                var (on, velocity) = q.Dequeue();
                notes.Add(grid.Note(on, track.EndTick, key & 0x7F, velocity));
            }
        return new Voice(track.Name ?? "", program ?? 0, noteChannel == 9, notes);
    }

    private static double FirstTempoBpm(MidiFile midi, double fallback)
    {
        if (midi.Division.IsSmpte) return 120;
        var first = midi.Tracks.SelectMany(t => t.Events).OfType<MetaEvent>()
            .Where(e => e.MicrosecondsPerQuarter is > 0).MinBy(e => e.Tick);
        return first is null ? fallback : 60_000_000.0 / first.MicrosecondsPerQuarter!.Value;
    }

    private static TimeSignature FirstTimeSignature(MidiFile midi)
    {
        var first = midi.Tracks.SelectMany(t => t.Events).OfType<MetaEvent>()
            .Where(e => e.Type == MetaEventType.TimeSignature && e.Data.Length >= 2 && e.Data[0] > 0 && e.Data[1] is >= 1 and <= 6)
            .MinBy(e => e.Tick);
        return first is null ? TimeSignature.Common : new TimeSignature(first.Data[0], 1 << first.Data[1]);
    }

    private sealed record Voice(string Name, int Program, bool IsDrum, List<GridNote> Notes);

    private readonly record struct GridNote(long Start, long End, int Pitch, int Velocity);

    /// <summary>Maps ticks to grid steps: ⌊t·r/q + ½⌋ (metrical) or via seconds at 120 BPM (SMPTE).</summary>
    private sealed class StepGrid(MidiFile midi, int stepsPerBeat)
    {
        private readonly TempoMap _map = midi.GetTempoMap();

        public long Step(long tick)
        {
            var q = midi.Division.TicksPerQuarter;
            if (q > 0) return (2 * tick * stepsPerBeat + q) / (2L * q);
            return (long)Math.Floor(_map.ToSeconds(tick) * 2 * stepsPerBeat + 0.5);
        }

        public GridNote Note(long on, long off, int pitch, int velocity)
        {
            var start = Step(on);
            return new GridNote(start, Math.Max(Step(off), start + 1), pitch, velocity);
        }
    }
}
