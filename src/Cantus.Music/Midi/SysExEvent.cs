namespace Cantus.Music.Midi;

/// <summary>
/// A system-exclusive event: <c>F0 len data</c> (a message, the F0 implied) or <c>F7 len data</c>
/// (an escape: continuation packets or arbitrary bytes sent as they are), SMF 1.0 §2.3.
/// </summary>
public sealed record SysExEvent : MidiEvent
{
    /// <summary>Creates a sysex event.</summary>
    public SysExEvent(long tick, bool isEscape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Tick = tick;
        IsEscape = isEscape;
        Data = data;
    }

    /// <summary>True for the F7 (escape) form, false for F0.</summary>
    public bool IsEscape { get; }

    /// <summary>The bytes after the length (for F0, not including the F0 itself).</summary>
    public byte[] Data { get; }

    /// <summary>The status byte, F0 or F7.</summary>
    public byte Status => IsEscape ? (byte)0xF7 : (byte)0xF0;
}
