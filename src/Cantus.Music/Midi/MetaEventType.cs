namespace Cantus.Music.Midi;

/// <summary>Meta event types of SMF 1.0 (<c>FF type len data</c>).</summary>
public static class MetaEventType
{
    /// <summary>Sequence number (2 bytes).</summary>
    public const byte SequenceNumber = 0x00;
    /// <summary>Any text.</summary>
    public const byte Text = 0x01;
    /// <summary>Copyright notice.</summary>
    public const byte Copyright = 0x02;
    /// <summary>Sequence or track name.</summary>
    public const byte TrackName = 0x03;
    /// <summary>Instrument name.</summary>
    public const byte InstrumentName = 0x04;
    /// <summary>Lyric.</summary>
    public const byte Lyric = 0x05;
    /// <summary>Marker.</summary>
    public const byte Marker = 0x06;
    /// <summary>Cue point.</summary>
    public const byte CuePoint = 0x07;
    /// <summary>Program name (RP-019).</summary>
    public const byte ProgramName = 0x08;
    /// <summary>Device name (RP-019).</summary>
    public const byte DeviceName = 0x09;
    /// <summary>MIDI channel prefix (1 byte).</summary>
    public const byte ChannelPrefix = 0x20;
    /// <summary>MIDI port (1 byte).</summary>
    public const byte Port = 0x21;
    /// <summary>End of track (0 bytes).</summary>
    public const byte EndOfTrack = 0x2F;
    /// <summary>Set tempo: microseconds per quarter note (3 bytes).</summary>
    public const byte Tempo = 0x51;
    /// <summary>SMPTE offset: hr mn se fr ff (5 bytes).</summary>
    public const byte SmpteOffset = 0x54;
    /// <summary>Time signature: nn dd cc bb (4 bytes), denominator = 2^dd.</summary>
    public const byte TimeSignature = 0x58;
    /// <summary>Key signature: sf (−7..7) mi (0 major, 1 minor).</summary>
    public const byte KeySignature = 0x59;
    /// <summary>Sequencer-specific data.</summary>
    public const byte SequencerSpecific = 0x7F;

    /// <summary>True for the text-like types 0x01..0x0F.</summary>
    public static bool IsText(byte type) => type is >= 0x01 and <= 0x0F;
}
