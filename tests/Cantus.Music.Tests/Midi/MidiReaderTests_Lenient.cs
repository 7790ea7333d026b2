using Cantus.Music.Midi;

namespace Cantus.Music.Tests.Midi;

public class MidiReaderTests_Lenient
{
    private static MidiFile Lenient(byte[] bytes) => MidiFile.Parse(bytes, MidiReadingSettings.Lenient);

    [Fact]
    public void TruncatedTrackKeepsItsNotesAndAddsEndOfTrack()
    {
        var bytes = MidiBytes.Format0[..^8]; // cut the last note-off and the end of track
        var midi = Lenient(bytes);
        Assert.Equal(2, midi.NoteCount);
        Assert.True(((MetaEvent)midi.Tracks[0].Events[^1]).IsEndOfTrack);
        Assert.Contains(midi.Repairs, r => r.Contains("declares 27 bytes but only 19 remain", StringComparison.Ordinal));
        Assert.Contains(midi.Repairs, r => r.Contains("no end-of-track event", StringComparison.Ordinal));
    }

    [Fact]
    public void ZeroTempoBecomes120Bpm()
    {
        var bytes = MidiBytes.Format0;
        bytes[26] = bytes[27] = bytes[28] = 0;
        var midi = Lenient(bytes);
        Assert.Equal(500_000, ((MetaEvent)midi.Tracks[0].Events[0]).MicrosecondsPerQuarter);
        Assert.Single(midi.Repairs);
    }

    [Fact]
    public void BadTimeSignatureBecomesFourFour()
    {
        var bytes = MidiBytes.Format1;
        bytes[27] = 0;
        var ts = Lenient(bytes).Tracks[0].Events.OfType<MetaEvent>().First();
        Assert.Equal(new byte[] { 4, 2 }, ts.Data[..2]);
    }

    [Fact]
    public void StrayDataByteIsSkipped()
    {
        var bytes = MidiBytes.Format0;
        bytes[23] = 0x10; // the tempo event's FF becomes a data byte with no running status
        var midi = Lenient(bytes);
        Assert.Contains(midi.Repairs, r => r.Contains("no running status", StringComparison.Ordinal));
    }

    [Fact]
    public void StatusByteInsideMessageStartsTheNextEvent()
    {
        byte[] bytes =
        [
            0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96,
            0x4D, 0x54, 0x72, 0x6B, 0, 0, 0, 11,
            0x00, 0x90, 60,        // note on with only one data byte...
            0x90, 62, 100,         // ...cut by a new status: dropped, this note on (delta 0) is kept
            0x00, 0xFF, 0x2F, 0x00,
        ];
        bytes[21] = (byte)(bytes.Length - 22);
        var midi = Lenient(bytes);
        var note = midi.Tracks[0].Events.OfType<ChannelEvent>().Single();
        Assert.Equal((62, 100), (note.Data1, note.Data2));
        Assert.Throws<MidiFormatException>(() => MidiFile.Parse(bytes));
    }

    [Fact]
    public void WrongTrackCountIsReported()
    {
        var bytes = MidiBytes.Format1;
        bytes[11] = 5;
        var midi = Lenient(bytes);
        Assert.Equal(2, midi.Tracks.Count);
        Assert.Contains(midi.Repairs, r => r.Contains("declares 5 tracks", StringComparison.Ordinal));
    }

    [Fact]
    public void DivisionZeroAssumes480()
    {
        var bytes = MidiBytes.Format0;
        bytes[12] = bytes[13] = 0;
        Assert.Equal(480, Lenient(bytes).Division.TicksPerQuarter);
    }

    [Fact]
    public void IntactFileHasNoRepairs() => Assert.Empty(Lenient(MidiBytes.Format1).Repairs);
}
