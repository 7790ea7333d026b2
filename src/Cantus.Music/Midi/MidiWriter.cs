using System.Buffers.Binary;

namespace Cantus.Music.Midi;

/// <summary>
/// Writes a <see cref="MidiFile"/> as SMF 1.0: MThd then one MTrk per track, delta-times as
/// variable-length quantities, running status optional, an end-of-track event appended to a
/// track that lacks one. Events must be in time order within each track.
/// </summary>
internal static class MidiWriter
{
    public static void Write(MidiFile midi, Stream stream, bool useRunningStatus)
    {
        ArgumentNullException.ThrowIfNull(midi);
        ArgumentNullException.ThrowIfNull(stream);
        if (midi.Format == 0 && midi.Tracks.Count != 1)
            throw new ArgumentException($"A format 0 file has exactly one track; this one has {midi.Tracks.Count}.", nameof(midi));
        if (midi.Tracks.Count > 0xFFFF) throw new ArgumentException("A MIDI file holds at most 65535 tracks.", nameof(midi));
        Span<byte> header = stackalloc byte[14];
        "MThd"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 6);
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], (ushort)midi.Format);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)midi.Tracks.Count);
        BinaryPrimitives.WriteUInt16BigEndian(header[12..], midi.Division.ToWord());
        stream.Write(header);
        var body = new MemoryStream();
        Span<byte> chunk = stackalloc byte[8];
        for (var t = 0; t < midi.Tracks.Count; t++)
        {
            body.SetLength(0);
            WriteTrack(midi.Tracks[t], t, body, useRunningStatus);
            "MTrk"u8.CopyTo(chunk);
            BinaryPrimitives.WriteUInt32BigEndian(chunk[4..], checked((uint)body.Length));
            stream.Write(chunk);
            body.Position = 0;
            body.CopyTo(stream);
        }
    }

    private static void WriteTrack(MidiTrack track, int index, MemoryStream body, bool useRunningStatus)
    {
        long previous = 0;
        byte running = 0;
        var ended = false;
        foreach (var e in track.Events)
        {
            if (ended) throw new ArgumentException($"Track {index} has events after its end-of-track event.", nameof(track));
            if (e.Tick < previous) throw new ArgumentException($"Track {index} has an event at tick {e.Tick} after one at tick {previous}.", nameof(track));
            WriteVariableLength(body, e.Tick - previous);
            previous = e.Tick;
            switch (e)
            {
                case ChannelEvent c:
                    if (!useRunningStatus || c.Status != running) body.WriteByte(c.Status);
                    running = c.Status;
                    body.WriteByte((byte)c.Data1);
                    if (ChannelEvent.HasSecondDataByte(c.Command)) body.WriteByte((byte)c.Data2);
                    break;
                case SysExEvent s:
                    body.WriteByte(s.Status);
                    WriteVariableLength(body, s.Data.Length);
                    body.Write(s.Data);
                    running = 0; // SMF 1.0: sysex cancels running status
                    break;
                case MetaEvent m:
                    body.WriteByte(0xFF);
                    body.WriteByte(m.Type);
                    WriteVariableLength(body, m.Data.Length);
                    body.Write(m.Data);
                    running = 0; // SMF 1.0: meta events cancel running status
                    ended = m.IsEndOfTrack;
                    break;
                default:
                    throw new ArgumentException($"Unknown event type {e.GetType().Name}.", nameof(track));
            }
        }
        if (!ended)
        {
            WriteVariableLength(body, 0);
            body.Write([0xFF, MetaEventType.EndOfTrack, 0]);
        }
    }

    /// <summary>Writes <paramref name="value"/> (0..0x0FFFFFFF) as a variable-length quantity, most significant group first.</summary>
    internal static void WriteVariableLength(Stream stream, long value)
    {
        if (value is < 0 or > 0x0FFFFFFF) throw new ArgumentOutOfRangeException(nameof(value), value, "A variable-length quantity holds 0..0x0FFFFFFF.");
        Span<byte> bytes = stackalloc byte[4];
        var n = 0;
        do
        {
            bytes[n++] = (byte)(value & 0x7F);
            value >>= 7;
        } while (value > 0);
        for (var i = n - 1; i >= 0; i--) stream.WriteByte((byte)(bytes[i] | (i > 0 ? 0x80 : 0)));
    }
}
