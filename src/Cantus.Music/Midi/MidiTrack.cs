namespace Cantus.Music.Midi;

/// <summary>The events of one MTrk chunk in time order, the end-of-track event last.</summary>
public sealed class MidiTrack
{
    /// <summary>Creates a track from events in time order.</summary>
    public MidiTrack(IEnumerable<MidiEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Events = [.. events];
    }

    /// <summary>Creates an empty track.</summary>
    public MidiTrack() => Events = [];

    /// <summary>The events in time order.</summary>
    public List<MidiEvent> Events { get; }

    /// <summary>The first sequence/track name meta event's text, or null.</summary>
    public string? Name => Events.OfType<MetaEvent>().FirstOrDefault(e => e.Type == MetaEventType.TrackName)?.Text;

    /// <summary>Number of note-on events with velocity above zero.</summary>
    public int NoteCount => Events.Count(e => e is ChannelEvent { IsNoteOn: true });

    /// <summary>Tick of the last event, 0 when empty.</summary>
    public long EndTick => Events.Count == 0 ? 0 : Events[^1].Tick;
}
