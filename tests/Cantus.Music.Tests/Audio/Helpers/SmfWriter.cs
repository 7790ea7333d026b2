using Cantus.Music.Audio.Rendering;

namespace Cantus.Music.Tests.Audio.Helpers;

/// <summary>
/// Writes a format-0 Standard MIDI File from timed messages, for feeding the same piece to
/// FluidSynth: 960 ticks per quarter at the default 120 BPM, so one tick is 1/1920 s.
/// </summary>
internal static class SmfWriter
{
    public static byte[] Write(TimedMidiSequence sequence)
    {
        var track = new List<byte>();
        long lastTick = 0;
        foreach (var m in sequence.Messages)
        {
            var tick = (long)Math.Round(m.Seconds * 1920);
            WriteVlq(track, tick - lastTick);
            lastTick = tick;
            track.Add((byte)((m.Command & 0xF0) | m.Channel));
            track.Add((byte)m.Data1);
            if ((m.Command & 0xF0) is not (0xC0 or 0xD0)) track.Add((byte)m.Data2);
        }

        WriteVlq(track, Math.Max(0, (long)Math.Round(sequence.EndSeconds * 1920) - lastTick));
        track.AddRange([0xFF, 0x2F, 0x00]);
        byte[] header = [.. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 960 >> 8, 960 & 0xFF];
        byte[] trackHeader = [.. "MTrk"u8, (byte)(track.Count >> 24), (byte)(track.Count >> 16), (byte)(track.Count >> 8), (byte)track.Count];
        return [.. header, .. trackHeader, .. track];
    }

    private static void WriteVlq(List<byte> output, long value)
    {
        Span<byte> bytes = stackalloc byte[10];
        var n = 0;
        do
        {
            bytes[n++] = (byte)(value & 0x7F);
            value >>= 7;
        }
        while (value > 0);
        for (var i = n - 1; i >= 0; i--) output.Add((byte)(bytes[i] | (i > 0 ? 0x80 : 0)));
    }
}
