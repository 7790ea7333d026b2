using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Audio.Rendering;

/// <summary>
/// Timed MIDI messages in playing order and the time at which the piece ends (its last event or a
/// later end of track). At equal times note-offs come first, then other messages, then note-ons,
/// so a repeated note is re-struck rather than cut and a program change precedes its notes.
/// </summary>
public sealed class TimedMidiSequence
{
    /// <summary>Validates and orders <paramref name="messages"/>; the end is the later of the last message and <paramref name="endSeconds"/>.</summary>
    /// <exception cref="ArgumentException">A time is negative or not finite, or a channel or data byte is out of range.</exception>
    public TimedMidiSequence(IEnumerable<TimedMidiMessage> messages, double endSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (!double.IsFinite(endSeconds) || endSeconds < 0) throw new ArgumentOutOfRangeException(nameof(endSeconds), endSeconds, "End time must be finite and ≥ 0.");
        var list = messages.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var m = list[i];
            if (!double.IsFinite(m.Seconds) || m.Seconds < 0) throw new ArgumentException($"Message {i}: time {m.Seconds} s must be finite and ≥ 0.", nameof(messages));
            if ((uint)m.Channel > 15) throw new ArgumentException($"Message {i}: channel {m.Channel} must be 0..15.", nameof(messages));
            if ((m.Command & 0xF0) is < 0x80 or > 0xE0) throw new ArgumentException($"Message {i}: command 0x{m.Command:X2} is not a channel message.", nameof(messages));
            if ((uint)m.Data1 > 127 || (uint)m.Data2 > 127) throw new ArgumentException($"Message {i}: data bytes {m.Data1}, {m.Data2} must be 0..127.", nameof(messages));
        }

        Messages = [.. list.OrderBy(m => m.Seconds).ThenBy(Rank)];
        EndSeconds = Math.Max(endSeconds, Messages.Count > 0 ? Messages[^1].Seconds : 0);
    }

    /// <summary>The messages in playing order.</summary>
    public IReadOnlyList<TimedMidiMessage> Messages { get; }

    /// <summary>End of the piece in seconds (before any release tail).</summary>
    public double EndSeconds { get; }

    /// <summary>
    /// The messages of a piano roll: the roll as MIDI (<see cref="MultitrackToMidi"/>: a run of active
    /// steps is one note with the velocity of its first cell; a binary track, cells 0 or 1 only,
    /// plays at <paramref name="binaryVelocity"/>; drum tracks on channel 10), timed at the roll's tempo.
    /// </summary>
    /// <exception cref="ArgumentException">binaryVelocity is not 1..127, or more than 15 melodic tracks.</exception>
    public static TimedMidiSequence FromMultitrack(Multitrack multitrack, int binaryVelocity = 100)
    {
        ArgumentNullException.ThrowIfNull(multitrack);
        return FromMidi(MultitrackToMidi.Convert(multitrack, new MidiExportOptions { BinaryVelocity = binaryVelocity }));
    }

    /// <summary>
    /// The channel messages of a MIDI file timed by its tempo map (SMPTE timing honoured); the piece
    /// ends at its last event. Format 2 sequences all start at time 0, each with its own tempo map.
    /// </summary>
    public static TimedMidiSequence FromMidi(MidiFile midi)
    {
        ArgumentNullException.ThrowIfNull(midi);
        var messages = new List<TimedMidiMessage>();
        var end = 0.0;
        for (var t = 0; t < midi.Tracks.Count; t++)
        {
            var map = midi.GetTempoMap(midi.Format == 2 ? t : 0);
            foreach (var e in midi.Tracks[t].Events)
            {
                if (e is ChannelEvent c) messages.Add(new TimedMidiMessage(map.ToSeconds(c.Tick), c.Channel, (int)c.Command, c.Data1, c.Data2));
            }
            end = Math.Max(end, map.ToSeconds(midi.Tracks[t].EndTick));
        }
        return new TimedMidiSequence(messages, end);
    }

    private static int Rank(TimedMidiMessage m) => m.IsNoteOff ? 0 : m.IsNoteOn ? 2 : 1;
}
