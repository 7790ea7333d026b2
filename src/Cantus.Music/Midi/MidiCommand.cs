namespace Cantus.Music.Midi;

/// <summary>The high nibble of a channel voice message status byte (MIDI 1.0).</summary>
public enum MidiCommand
{
    /// <summary>0x8n key, velocity.</summary>
    NoteOff = 0x80,

    /// <summary>0x9n key, velocity (velocity 0 acts as note-off).</summary>
    NoteOn = 0x90,

    /// <summary>0xAn key, pressure.</summary>
    PolyphonicKeyPressure = 0xA0,

    /// <summary>0xBn controller, value.</summary>
    ControlChange = 0xB0,

    /// <summary>0xCn program (one data byte).</summary>
    ProgramChange = 0xC0,

    /// <summary>0xDn pressure (one data byte).</summary>
    ChannelPressure = 0xD0,

    /// <summary>0xEn LSB, MSB (14-bit, 8192 = centre).</summary>
    PitchBend = 0xE0,
}
