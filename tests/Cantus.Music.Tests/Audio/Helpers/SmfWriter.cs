using Cantus.Music.Audio.Rendering;
using Cantus.Music.Midi;

namespace Cantus.Music.Tests.Audio.Helpers;

/// <summary>
/// Writes timed messages as a format-0 Standard MIDI File with Cantus's MIDI writer, for feeding
/// the same piece to FluidSynth: 960 ticks per quarter at the default 120 BPM (1 tick = 1/1920 s).
/// </summary>
internal static class SmfWriter
{
    public static byte[] Write(TimedMidiSequence sequence)
    {
        static long Tick(double seconds) => (long)Math.Round(seconds * 1920);
        var events = new List<MidiEvent>();
        foreach (var m in sequence.Messages)
            events.Add(new ChannelEvent(Tick(m.Seconds), (MidiCommand)(m.Command & 0xF0), m.Channel, m.Data1, m.Data2));
        events.Add(MetaEvent.CreateEndOfTrack(Math.Max(events.Count == 0 ? 0 : events[^1].Tick, Tick(sequence.EndSeconds))));
        return new MidiFile(0, TimeDivision.PerQuarter(960), [new MidiTrack(events)]).ToBytes();
    }
}
