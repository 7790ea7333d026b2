namespace Cantus.Music.Audio.Rendering;

/// <summary>
/// A MIDI channel message at a time in seconds from the start of the piece (the tempo map already
/// applied). <see cref="Command"/> is the status byte's upper nibble: 0x80 note off, 0x90 note on,
/// 0xB0 control change, 0xC0 program change, 0xE0 pitch bend (data1 = LSB, data2 = MSB).
/// </summary>
/// <param name="Seconds">Time from the start, ≥ 0.</param>
/// <param name="Channel">MIDI channel 0..15 (9 is percussion).</param>
/// <param name="Command">Status upper nibble 0x80..0xE0.</param>
/// <param name="Data1">First data byte 0..127 (key, controller, program, bend LSB).</param>
/// <param name="Data2">Second data byte 0..127 (velocity, value, bend MSB).</param>
public readonly record struct TimedMidiMessage(double Seconds, int Channel, int Command, int Data1, int Data2)
{
    /// <summary>A note-on.</summary>
    public static TimedMidiMessage NoteOn(double seconds, int channel, int key, int velocity) => new(seconds, channel, 0x90, key, velocity);

    /// <summary>A note-off (release velocity 0).</summary>
    public static TimedMidiMessage NoteOff(double seconds, int channel, int key) => new(seconds, channel, 0x80, key, 0);

    /// <summary>A control change.</summary>
    public static TimedMidiMessage ControlChange(double seconds, int channel, int controller, int value) => new(seconds, channel, 0xB0, controller, value);

    /// <summary>A program change.</summary>
    public static TimedMidiMessage ProgramChange(double seconds, int channel, int program) => new(seconds, channel, 0xC0, program, 0);

    /// <summary>True for a note-off, or a note-on with velocity 0.</summary>
    public bool IsNoteOff => (Command & 0xF0) == 0x80 || ((Command & 0xF0) == 0x90 && Data2 == 0);

    /// <summary>True for a note-on with velocity above 0.</summary>
    public bool IsNoteOn => (Command & 0xF0) == 0x90 && Data2 > 0;
}
