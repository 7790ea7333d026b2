namespace Cantus.Music.Midi;

/// <summary>An event of a track chunk at an absolute time in ticks from the start of its track.</summary>
public abstract record MidiEvent
{
    /// <summary>Absolute time in ticks (the sum of the delta-times before and including this event).</summary>
    public long Tick { get; init; }
}
