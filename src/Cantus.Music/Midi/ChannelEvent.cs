namespace Cantus.Music.Midi;

/// <summary>A channel voice message: note on/off, key pressure, control change, program change, channel pressure, pitch bend.</summary>
public sealed record ChannelEvent : MidiEvent
{
    /// <summary>Creates a channel event; data bytes must be 0..127, channel 0..15.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public ChannelEvent(long tick, MidiCommand command, int channel, int data1, int data2 = 0)
    {
        if (!Enum.IsDefined(command)) throw new ArgumentOutOfRangeException(nameof(command), command, "Not a channel voice command.");
        if ((uint)channel > 15) throw new ArgumentOutOfRangeException(nameof(channel), channel, "Channel must be 0..15.");
        if ((uint)data1 > 127) throw new ArgumentOutOfRangeException(nameof(data1), data1, "Data byte must be 0..127.");
        if ((uint)data2 > 127) throw new ArgumentOutOfRangeException(nameof(data2), data2, "Data byte must be 0..127.");
        Tick = tick;
        Command = command;
        Channel = channel;
        Data1 = data1;
        Data2 = HasSecondDataByte(command) ? data2 : 0;
    }

    /// <summary>The message kind.</summary>
    public MidiCommand Command { get; }

    /// <summary>Channel 0..15 (channel 10 of the MIDI spec is 9 here).</summary>
    public int Channel { get; }

    /// <summary>First data byte (key, controller, program, pressure, bend LSB).</summary>
    public int Data1 { get; }

    /// <summary>Second data byte (velocity, value, bend MSB), 0 for one-byte messages.</summary>
    public int Data2 { get; }

    /// <summary>The status byte: command | channel.</summary>
    public byte Status => (byte)((int)Command | Channel);

    /// <summary>True for a note-on with velocity above zero.</summary>
    public bool IsNoteOn => Command == MidiCommand.NoteOn && Data2 > 0;

    /// <summary>True for a note-off, or a note-on with velocity zero.</summary>
    public bool IsNoteOff => Command == MidiCommand.NoteOff || (Command == MidiCommand.NoteOn && Data2 == 0);

    /// <summary>Whether messages of <paramref name="command"/> carry two data bytes (program change and channel pressure carry one).</summary>
    public static bool HasSecondDataByte(MidiCommand command) =>
        command is not (MidiCommand.ProgramChange or MidiCommand.ChannelPressure);
}
