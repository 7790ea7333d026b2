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
    /// Converts a piano roll: each run of consecutive active steps of a pitch is one note with the
    /// velocity of its first step; a step lasts 60 / (TempoBpm · StepsPerBeat) seconds and the piece
    /// ends after the last step. Drum tracks play on channel 9, the others on channels 0..8, 10..15
    /// in track order (shared round-robin beyond 15), each with bank 0 and its program at time 0.
    /// A binary track (every active cell is 1) plays at <paramref name="binaryVelocity"/> instead,
    /// since velocity 1 would be all but silent.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="multitrack"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binaryVelocity"/> is not 1..127.</exception>
    public static TimedMidiSequence FromMultitrack(Multitrack multitrack, int binaryVelocity = 100) => MultitrackConverter.Convert(multitrack, binaryVelocity);

    private static int Rank(TimedMidiMessage m) => m.IsNoteOff ? 0 : m.IsNoteOn ? 2 : 1;
}
