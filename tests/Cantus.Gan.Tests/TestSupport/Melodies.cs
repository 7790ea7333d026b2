using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Tests.TestSupport;

/// <summary>Hand-made melodies as MIDI files (480 ticks per quarter, 4 steps per beat).</summary>
internal static class Melodies
{
    /// <summary>
    /// A melody of <paramref name="bars"/> 4/4 bars after <paramref name="silentSteps"/> steps of rest:
    /// quarter notes cycling C D E F G A (pitches 60..69), the last bar ending with a half note.
    /// </summary>
    public static MidiFile Scale(int bars, int silentSteps = 0, int channel = 0, string name = "melody")
    {
        const int q = 480;
        int[] pitches = [60, 62, 64, 65, 67, 69];
        var events = new List<MidiEvent> { MetaEvent.CreateText(0, MetaEventType.TrackName, name) };
        var beats = bars * 4;
        var start = silentSteps * q / 4;
        for (var b = 0; b < beats; b++)
        {
            var on = start + (long)b * q;
            events.Add(new ChannelEvent(on, MidiCommand.NoteOn, channel, pitches[b % pitches.Length], 90 - b % 5));
            events.Add(new ChannelEvent(on + q, MidiCommand.NoteOff, channel, pitches[b % pitches.Length], 0));
        }
        var end = start + (long)beats * q;
        events.Add(MetaEvent.CreateEndOfTrack(end));
        var conductor = new MidiTrack([MetaEvent.CreateTempo(0, 600_000), MetaEvent.CreateTimeSignature(0, 4, 2), MetaEvent.CreateEndOfTrack(end)]);
        return new MidiFile(1, TimeDivision.PerQuarter(q), [conductor, new MidiTrack(events)]);
    }

    /// <summary>The note-on/off events (tick, on?, pitch, velocity) of a track, for note-for-note comparison.</summary>
    public static List<(long Tick, bool On, int Pitch, int Velocity)> Notes(MidiTrack track) =>
        track.Events.OfType<ChannelEvent>().Where(e => e.IsNoteOn || e.IsNoteOff)
            .Select(e => (e.Tick, e.IsNoteOn, e.Data1, e.IsNoteOn ? e.Data2 : 0)).ToList();

    /// <summary>Steps of the file on the 16th grid.</summary>
    public static int Steps(MidiFile midi) => MidiToMultitrack.Convert(midi).Steps;
}
