using Cantus.Music.Midi;

namespace Cantus.Music.Tests.Midi;

public class MidiWriterTests
{
    private static void AssertSameEvents(MidiFile expected, MidiFile actual)
    {
        Assert.Equal(expected.Format, actual.Format);
        Assert.Equal(expected.Division, actual.Division);
        Assert.Equal(expected.Tracks.Count, actual.Tracks.Count);
        for (var t = 0; t < expected.Tracks.Count; t++)
        {
            var a = expected.Tracks[t].Events;
            var b = actual.Tracks[t].Events;
            Assert.Equal(a.Count, b.Count);
            for (var i = 0; i < a.Count; i++)
            {
                Assert.Equal(a[i].GetType(), b[i].GetType());
                Assert.Equal(a[i].Tick, b[i].Tick);
                switch (a[i])
                {
                    case ChannelEvent c: Assert.Equal(c, b[i]); break;
                    case MetaEvent m:
                        Assert.Equal(m.Type, ((MetaEvent)b[i]).Type);
                        Assert.Equal(m.Data, ((MetaEvent)b[i]).Data);
                        break;
                    case SysExEvent s:
                        Assert.Equal(s.IsEscape, ((SysExEvent)b[i]).IsEscape);
                        Assert.Equal(s.Data, ((SysExEvent)b[i]).Data);
                        break;
                }
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ByteLiteralsReadBackIdentically(bool runningStatus)
    {
        foreach (var bytes in new[] { MidiBytes.Format0, MidiBytes.Format1, MidiBytes.Smpte })
        {
            var midi = MidiFile.Parse(bytes);
            AssertSameEvents(midi, MidiFile.Parse(midi.ToBytes(runningStatus)));
        }
    }

    [Fact]
    public void RunningStatusMakesItSmallerAndFormat0IsByteIdentical()
    {
        var midi = MidiFile.Parse(MidiBytes.Format0);
        Assert.True(midi.ToBytes(true).Length < midi.ToBytes(false).Length);
        Assert.Equal(MidiBytes.Format0, midi.ToBytes(true));
    }

    [Fact]
    public void EveryLabSnippetReadsBackIdentically()
    {
        foreach (var path in RepoPaths.AllDatasetMidiFiles())
        {
            var midi = MidiFile.Read(path);
            AssertSameEvents(midi, MidiFile.Parse(midi.ToBytes()));
        }
    }

    [Fact]
    public void VariableLengthQuantityBoundaries()
    {
        foreach (var (value, expected) in new (long, byte[])[]
        {
            (0, [0x00]), (0x7F, [0x7F]), (0x80, [0x81, 0x00]), (0x2000, [0xC0, 0x00]),
            (0x3FFF, [0xFF, 0x7F]), (0x4000, [0x81, 0x80, 0x00]), (0x0FFFFFFF, [0xFF, 0xFF, 0xFF, 0x7F]),
        })
        {
            var ms = new MemoryStream();
            MidiWriter.WriteVariableLength(ms, value);
            Assert.Equal(expected, ms.ToArray());
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiWriter.WriteVariableLength(new MemoryStream(), 0x10000000));
    }

    [Fact]
    public void Format0WithTwoTracksIsRejected() =>
        Assert.Throws<ArgumentException>(() => new MidiFile(0, TimeDivision.PerQuarter(96), [new MidiTrack(), new MidiTrack()]).ToBytes());
}
