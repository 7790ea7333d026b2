using Cantus.Music.Midi;

namespace Cantus.Music.PianoRolls;

/// <summary>
/// Converts a piano roll to a format-1 MIDI file: a conductor track (tempo, time signature)
/// and one track per piano-roll track (name, program change, notes). Each maximal run of
/// active steps at one pitch is one note. Tracks take channels 1, 2, ... in order, skipping
/// channel 10, which drum tracks use. The end-of-track events sit at the roll's last step,
/// so the length survives a round trip.
/// </summary>
public static class MultitrackToMidi
{
    /// <summary>Converts <paramref name="multitrack"/>.</summary>
    /// <exception cref="ArgumentException">More than 15 melodic tracks, or options out of range.</exception>
    public static MidiFile Convert(Multitrack multitrack, MidiExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(multitrack);
        options ??= MidiExportOptions.Default;
        if (options.Velocity is < 1 or > 127) throw new ArgumentException("Velocity must be 1..127.", nameof(options));
        if (options.BinaryVelocity is < 1 or > 127) throw new ArgumentException("BinaryVelocity must be 1..127.", nameof(options));
        var q = options.TicksPerQuarter;
        var r = multitrack.StepsPerBeat;
        long Tick(int step) => (long)Math.Round((double)step * q / r);
        var endTick = Tick(multitrack.Steps);

        var conductor = new MidiTrack();
        conductor.Events.Add(MetaEvent.CreateTempo(0, (int)Math.Clamp(Math.Round(60_000_000 / multitrack.TempoBpm), 1, 0xFFFFFF)));
        var ts = multitrack.TimeSignature;
        conductor.Events.Add(MetaEvent.CreateTimeSignature(0, ts.Numerator, System.Numerics.BitOperations.Log2((uint)ts.Denominator)));
        conductor.Events.Add(MetaEvent.CreateEndOfTrack(endTick));
        var tracks = new List<MidiTrack> { conductor };

        var nextChannel = 0;
        foreach (var roll in multitrack.Tracks)
        {
            int channel;
            if (roll.IsDrum) channel = 9;
            else
            {
                if (nextChannel == 9) nextChannel++;
                if (nextChannel > 15) throw new ArgumentException("At most 15 melodic tracks fit the 16 MIDI channels.", nameof(multitrack));
                channel = nextChannel++;
            }
            var track = new MidiTrack();
            if (roll.Name.Length > 0) track.Events.Add(MetaEvent.CreateText(0, MetaEventType.TrackName, roll.Name));
            track.Events.Add(new ChannelEvent(0, MidiCommand.ProgramChange, channel, roll.Program));
            var notes = new List<ChannelEvent>();
            var velocityOfAll = options.Velocity ?? (roll.Cells.ContainsAnyExcept((byte)0, (byte)1) ? (int?)null : options.BinaryVelocity);
            for (var pitch = 0; pitch < PianoRollTrack.PitchCount; pitch++)
            {
                var start = -1;
                for (var s = 0; s <= roll.Steps; s++)
                {
                    var active = s < roll.Steps && roll.IsActive(s, pitch);
                    if (active && start < 0) start = s;
                    else if (!active && start >= 0)
                    {
                        var velocity = velocityOfAll ?? roll[start, pitch];
                        notes.Add(new ChannelEvent(Tick(start), MidiCommand.NoteOn, channel, pitch, velocity));
                        notes.Add(new ChannelEvent(Tick(s), MidiCommand.NoteOff, channel, pitch, 0));
                        start = -1;
                    }
                }
            }
            // At one tick, note-offs come before note-ons so a repeated pitch is not cut short.
            notes.Sort((a, b) => a.Tick != b.Tick ? a.Tick.CompareTo(b.Tick)
                : a.Command != b.Command ? (a.Command == MidiCommand.NoteOff ? -1 : 1)
                : a.Data1.CompareTo(b.Data1));
            track.Events.AddRange(notes);
            track.Events.Add(MetaEvent.CreateEndOfTrack(endTick));
            tracks.Add(track);
        }
        return new MidiFile(1, TimeDivision.PerQuarter(q), tracks);
    }
}
