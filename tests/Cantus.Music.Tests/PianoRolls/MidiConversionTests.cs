using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.PianoRolls;

public class MidiConversionTests
{
    private static ChannelEvent On(long tick, int pitch, int channel = 0, int velocity = 100) => new(tick, MidiCommand.NoteOn, channel, pitch, velocity);

    private static ChannelEvent Off(long tick, int pitch, int channel = 0) => new(tick, MidiCommand.NoteOff, channel, pitch);

    private static MidiFile Format1(params MidiEvent[][] tracks) =>
        new(1, TimeDivision.PerQuarter(96), tracks.Select(t => new MidiTrack(t)));

    private static int[] ActiveSteps(PianoRollTrack track, int pitch) =>
        [.. Enumerable.Range(0, track.Steps).Where(s => track.IsActive(s, pitch))];

    [Fact]
    public void StepsRoundHalfUpAndCoverAtLeastOneStep()
    {
        // q = 96, r = 4: tick 30 → 1.25 → 1; tick 60 → 2.5 → 3 (half rounds up); tick 5 → 0.21 → 0.
        var roll = MidiToMultitrack.Convert(Format1([On(30, 60), Off(60, 60), On(96, 62), Off(101, 62), MetaEvent.CreateEndOfTrack(192)])).Tracks.Single();
        Assert.Equal([1, 2], ActiveSteps(roll, 60));
        Assert.Equal([4], ActiveSteps(roll, 62)); // 96→4, 101→4.2→4: at least one step
        Assert.Equal(8, roll.Steps);              // the end of track at tick 192 = step 8
        Assert.Equal(100, roll[1, 60]);
    }

    [Fact]
    public void SamePitchMatchesFirstInFirstOutAndVelocityZeroIsOff()
    {
        var roll = MidiToMultitrack.Convert(Format1([On(0, 60, velocity: 50), On(48, 60, velocity: 90), On(96, 60, velocity: 0), Off(192, 60)])).Tracks.Single();
        // First note 0..96 (vel 50), second 48..192 (vel 90); overlapping cells keep the louder velocity.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], ActiveSteps(roll, 60));
        Assert.Equal(50, roll[0, 60]);
        Assert.Equal(90, roll[2, 60]);
        Assert.Equal(90, roll[7, 60]);
    }

    [Fact]
    public void OpenNotesCloseAtTheEndOfTheirTrack()
    {
        var midi = Format1([On(0, 60), MetaEvent.CreateEndOfTrack(48)], [On(0, 64), Off(192, 64)]);
        var m = MidiToMultitrack.Convert(midi);
        Assert.Equal([0, 1], ActiveSteps(m.Tracks[0], 60));
        Assert.Equal(8, m.Steps);
    }

    [Fact]
    public void TracksWithoutNotesAreSkippedAndMetadataKept()
    {
        var conductor = new MidiEvent[] { MetaEvent.CreateTempo(0, 600_000), MetaEvent.CreateTimeSignature(0, 3, 2) };
        var alto = new MidiEvent[] { MetaEvent.CreateText(0, MetaEventType.TrackName, "Alto"), new ChannelEvent(0, MidiCommand.ProgramChange, 1, 52), On(0, 64, 1), Off(96, 64, 1) };
        var m = MidiToMultitrack.Convert(Format1(conductor, alto));
        var t = Assert.Single(m.Tracks);
        Assert.Equal(("Alto", 52, false), (t.Name, t.Program, t.IsDrum));
        Assert.Equal(100, m.TempoBpm, 9);
        Assert.Equal(new TimeSignature(3, 4), m.TimeSignature);
    }

    [Fact]
    public void Format0IsSplitByChannelAndChannelTenIsDrums()
    {
        var track = new MidiTrack([On(0, 36, channel: 9), On(0, 60, channel: 0), On(0, 48, channel: 2), Off(96, 36, 9), Off(96, 60, 0), Off(96, 48, 2)]);
        var m = MidiToMultitrack.Convert(new MidiFile(0, TimeDivision.PerQuarter(96), [track]));
        Assert.Equal(3, m.Tracks.Count);
        Assert.Equal(["Channel 1", "Channel 3", "Channel 10"], m.Tracks.Select(t => t.Name));
        Assert.Equal([false, false, true], m.Tracks.Select(t => t.IsDrum));
        Assert.Equal([0, 1, 2, 3], ActiveSteps(m.Tracks[2], 36));
    }

    [Fact]
    public void LabSnippetsAreFourTracksOfTwoBars()
    {
        var lengths = new List<int>();
        foreach (var path in Directory.EnumerateFiles(RepoPaths.LabSnippets, "*.mid"))
        {
            lengths.Add(MidiToMultitrack.Read(path).Steps);
            var m = MidiToMultitrack.Read(path, options: new MidiImportOptions { PadToWholeBars = true });
            Assert.Equal(4, m.Tracks.Count);
            Assert.Equal(32, m.Steps);
            Assert.Equal(100, m.TempoBpm, 6);
            Assert.All(m.Tracks, t => Assert.False(t.IsEmpty));
        }
        // 228 snippets end their tracks at 1761 ticks (32 steps at 220 per quarter), one at 1541 (28 steps).
        Assert.Equal(228, lengths.Count(n => n == 32));
        Assert.Equal(1, lengths.Count(n => n == 28));
    }

    [Fact]
    public void RoundTripKeepsCellsLengthAndMetadata()
    {
        var m = new Multitrack(40, tempoBpm: 90, timeSignature: new TimeSignature(3, 4));
        var melody = m.AddTrack("melody", 73);
        var bass = m.AddTrack("bass", 32);
        var drums = m.AddTrack("drums", 0, isDrum: true);
        for (var s = 0; s < 40; s++)
        {
            if (s % 5 != 4) melody[s, 60 + s % 7] = 100;
            if (s % 8 < 6) bass[s, 36] = 80;
            if (s % 4 == 0) drums[s, 42] = 64;
        }
        var midi = MultitrackToMidi.Convert(m);
        var back = MidiToMultitrack.Convert(MidiFile.Parse(midi.ToBytes()));
        Assert.Equal(m.Steps, back.Steps);
        Assert.Equal(90, back.TempoBpm, 3); // 666,667 µs per quarter
        Assert.Equal(m.TimeSignature, back.TimeSignature);
        for (var t = 0; t < 3; t++)
        {
            Assert.Equal((m.Tracks[t].Name, m.Tracks[t].Program, m.Tracks[t].IsDrum), (back.Tracks[t].Name, back.Tracks[t].Program, back.Tracks[t].IsDrum));
            Assert.True(m.Tracks[t].Cells.SequenceEqual(back.Tracks[t].Cells), $"track {t} cells differ");
        }
        var channels = midi.Tracks.Skip(1).Select(t => t.Events.OfType<ChannelEvent>().First().Channel);
        Assert.Equal([0, 1, 9], channels);
    }

    [Fact]
    public void RepeatedNotesMergeIntoOneRun()
    {
        var m = new Multitrack(4);
        var t = m.AddTrack();
        t[0, 60] = t[1, 60] = t[3, 60] = 1;
        var notes = MultitrackToMidi.Convert(m, new MidiExportOptions { Velocity = 100 }).Tracks[1].Events.OfType<ChannelEvent>().Where(e => e.IsNoteOn).ToList();
        Assert.Equal([(0L, 100), (360L, 100)], notes.Select(n => (n.Tick, n.Data2)));
    }
}
