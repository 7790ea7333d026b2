using System.Diagnostics;
using Cantus.Music.Midi;

namespace Cantus.Music.Tests.Midi;

/// <summary>Truncation at every length and seeded mutations: the only exception allowed is <see cref="MidiFormatException"/>.</summary>
public class MidiFuzzTests
{
    public static TheoryData<string> Files => new() { "Format0", "Format1", "Smpte", "Rmid", "Lab" };

    private static byte[] Load(string name) => name switch
    {
        "Format0" => MidiBytes.Format0,
        "Format1" => MidiBytes.Format1,
        "Smpte" => MidiBytes.Smpte,
        "Rmid" => MidiBytes.Rmid,
        _ => File.ReadAllBytes(Path.Combine(RepoPaths.LabSnippets, "MIDI-0.mid")),
    };

    private static void ParseBoth(byte[] bytes)
    {
        foreach (var settings in new[] { MidiReadingSettings.Strict, MidiReadingSettings.Lenient })
        {
            try
            {
                var midi = MidiFile.Parse(bytes, settings);
                _ = MidiFile.Parse(midi.ToBytes(), MidiReadingSettings.Strict); // what we read, we can write and read back
            }
            catch (MidiFormatException)
            {
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TruncationAtEveryLength(string name)
    {
        var bytes = Load(name);
        var complete = name == "Rmid" ? bytes.Length - 1 : bytes.Length; // RMID's last byte is RIFF word padding
        for (var n = 0; n < complete; n++)
        {
            var cut = bytes[..n];
            Assert.Throws<MidiFormatException>(() => MidiFile.Parse(cut));
            ParseBoth(cut);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void SeededMutationsNeverThrowAnythingElse(string name)
    {
        var original = Load(name);
        var random = new Random(12345);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])original.Clone();
            var edits = random.Next(1, 5);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(bytes.Length);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                    case 2: bytes[at] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x80; break;
                    default: bytes = bytes[..at].Concat(bytes[Math.Min(bytes.Length, at + random.Next(1, 4))..]).ToArray(); break;
                }
                if (bytes.Length == 0) break;
            }
            ParseBoth(bytes);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"2000 mutants took {watch.Elapsed}");
    }
}
