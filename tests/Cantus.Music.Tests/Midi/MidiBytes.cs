namespace Cantus.Music.Tests.Midi;

/// <summary>Byte-literal MIDI files, one comment per line, shared by the reader tests.</summary>
internal static class MidiBytes
{
    /// <summary>Format 0, 96 ticks per quarter: tempo 100 BPM, C4 for one quarter, E4 (running status, note-on vel 0 as off), end.</summary>
    public static byte[] Format0 =>
    [
        0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6,   // MThd, length 6
        0, 0, 0, 1, 0, 96,                    // format 0, 1 track, 96 ticks per quarter
        0x4D, 0x54, 0x72, 0x6B, 0, 0, 0, 27,  // MTrk, length 27
        0x00, 0xFF, 0x51, 0x03, 0x09, 0x27, 0xC0, // delta 0: tempo 600000 µs (100 BPM)
        0x00, 0x90, 60, 100,                  // delta 0: note on C4 vel 100 (ch 1)
        0x60, 0x80, 60, 0,                    // delta 96: note off C4
        0x00, 0x90, 64, 90,                   // delta 0: note on E4 vel 90
        0x81, 0x40, 64, 0,                    // delta 192 (VLQ 81 40), running status: E4 vel 0 = off
        0x00, 0xFF, 0x2F, 0x00,               // end of track
    ];

    /// <summary>Format 1, 480 ticks per quarter: a conductor track and one note track with sysex, text and an unknown meta.</summary>
    public static byte[] Format1 =>
    [
        0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6,   // MThd
        0, 1, 0, 2, 0x01, 0xE0,               // format 1, 2 tracks, 480 ticks per quarter
        0x4D, 0x54, 0x72, 0x6B, 0, 0, 0, 19,  // MTrk (conductor), length 19
        0x00, 0xFF, 0x58, 0x04, 3, 2, 24, 8,  // time signature 3/4
        0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20, // tempo 500000 µs (120 BPM)
        0x00, 0xFF, 0x2F, 0x00,               // end of track
        0x58, 0x59, 0x5A, 0x5A, 0, 0, 0, 2,   // unknown chunk "XYZZ", length 2: skipped
        0xAB, 0xCD,
        0x4D, 0x54, 0x72, 0x6B, 0, 0, 0, 39,  // MTrk (notes), length 39
        0x00, 0xFF, 0x03, 0x04, 0x41, 0x6C, 0x74, 0x6F, // track name "Alto"
        0x00, 0xC1, 52,                       // program change ch 2: 52 (choir aahs)
        0x00, 0xF0, 0x03, 0x7E, 0x09, 0xF7,   // sysex F0 (GM on, short): 7E 09 F7
        0x00, 0x91, 67, 80,                   // note on G4 ch 2
        0x83, 0x60, 0x81, 67, 64,             // delta 480: note off G4
        0x00, 0xF7, 0x01, 0xF8,               // sysex escape F7: one byte F8
        0x00, 0xFF, 0x60, 0x01, 0x2A,         // unknown meta 0x60, kept
        0x00, 0xFF, 0x2F, 0x00,               // end of track
    ];

    /// <summary>Format 0 with SMPTE division: 25 fps × 40 ticks per frame (1 ms per tick).</summary>
    public static byte[] Smpte =>
    [
        0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6,   // MThd
        0, 0, 0, 1, 0xE7, 40,                 // format 0, 1 track, -25 fps, 40 ticks per frame
        0x4D, 0x54, 0x72, 0x6B, 0, 0, 0, 13,  // MTrk, length 13
        0x00, 0x90, 69, 100,                  // note on A4
        0x87, 0x68, 0x80, 69, 0,              // delta 1000 ticks (1 s): note off
        0x00, 0xFF, 0x2F, 0x00,               // end of track
    ];

    /// <summary><see cref="Format0"/> wrapped as RIFF RMID.</summary>
    public static byte[] Rmid
    {
        get
        {
            var smf = Format0;
            var bytes = new List<byte>();
            bytes.AddRange("RIFF"u8.ToArray());
            bytes.AddRange(BitConverter.GetBytes(4 + 8 + smf.Length + (smf.Length & 1)));
            bytes.AddRange("RMID"u8.ToArray());
            bytes.AddRange("data"u8.ToArray());
            bytes.AddRange(BitConverter.GetBytes(smf.Length));
            bytes.AddRange(smf);
            if ((smf.Length & 1) == 1) bytes.Add(0);
            return [.. bytes];
        }
    }
}
