using Cantus.Music.Midi;

namespace Cantus.Music.Tests.Midi;

public class MidiReaderTests_Valid
{
    [Fact]
    public void Format0WithRunningStatus()
    {
        var midi = MidiFile.Parse(MidiBytes.Format0);
        Assert.Equal(0, midi.Format);
        Assert.Equal(96, midi.Division.TicksPerQuarter);
        var events = midi.Tracks.Single().Events;
        Assert.Equal(6, events.Count);
        var offE = Assert.IsType<ChannelEvent>(events[4]);
        Assert.Equal((MidiCommand.NoteOn, 64, 0, 288L), (offE.Command, offE.Data1, offE.Data2, offE.Tick));
        Assert.True(offE.IsNoteOff);
        Assert.Equal(2, midi.NoteCount);
        Assert.Equal(600_000, ((MetaEvent)events[0]).MicrosecondsPerQuarter);
        Assert.Empty(midi.Repairs);
    }

    [Fact]
    public void Format1WithSysExUnknownChunkAndUnknownMeta()
    {
        var midi = MidiFile.Parse(MidiBytes.Format1);
        Assert.Equal(1, midi.Format);
        Assert.Equal(2, midi.Tracks.Count);
        var notes = midi.Tracks[1];
        Assert.Equal("Alto", notes.Name);
        var sysex = notes.Events.OfType<SysExEvent>().ToList();
        Assert.False(sysex[0].IsEscape);
        Assert.Equal(new byte[] { 0x7E, 0x09, 0xF7 }, sysex[0].Data);
        Assert.True(sysex[1].IsEscape);
        Assert.Equal(new byte[] { 0xF8 }, sysex[1].Data);
        var unknown = notes.Events.OfType<MetaEvent>().Single(e => e.Type == 0x60);
        Assert.Equal(new byte[] { 0x2A }, unknown.Data);
        var off = notes.Events.OfType<ChannelEvent>().Single(e => e.Command == MidiCommand.NoteOff);
        Assert.Equal((1, 67, 64, 480L), (off.Channel, off.Data1, off.Data2, off.Tick));
        var program = notes.Events.OfType<ChannelEvent>().First();
        Assert.Equal((MidiCommand.ProgramChange, 52, 0), (program.Command, program.Data1, program.Data2));
    }

    [Fact]
    public void SmpteDivisionGivesAbsoluteTime()
    {
        var midi = MidiFile.Parse(MidiBytes.Smpte);
        Assert.True(midi.Division.IsSmpte);
        Assert.Equal((25, 40), (midi.Division.FramesPerSecond, midi.Division.TicksPerFrame));
        Assert.Equal(1.0, midi.GetTempoMap().ToSeconds(1000), 12);
    }

    [Fact]
    public void RmidWrapperIsUnwrapped()
    {
        var midi = MidiFile.Parse(MidiBytes.Rmid);
        Assert.Equal(2, midi.NoteCount);
    }

    [Fact]
    public void Format2TracksHaveTheirOwnTempo()
    {
        var t0 = new MidiTrack([MetaEvent.CreateTempo(0, 1_000_000), new ChannelEvent(96, MidiCommand.NoteOn, 0, 60, 1)]);
        var t1 = new MidiTrack([new ChannelEvent(96, MidiCommand.NoteOn, 0, 60, 1)]);
        var midi = MidiFile.Parse(new MidiFile(2, TimeDivision.PerQuarter(96), [t0, t1]).ToBytes());
        Assert.Equal(2, midi.Format);
        Assert.Equal(1.0, midi.GetTempoMap(0).ToSeconds(96), 12);
        Assert.Equal(0.5, midi.GetTempoMap(1).ToSeconds(96), 12);
    }

    [Fact]
    public void TextIsUtf8OrLatin1()
    {
        Assert.Equal("Café", new MetaEvent(0, MetaEventType.Text, "Caf\u00e9"u8.ToArray()).Text);
        Assert.Equal("Café", new MetaEvent(0, MetaEventType.Text, [0x43, 0x61, 0x66, 0xE9]).Text);
    }
}
