using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.PianoRolls;

public class MultitrackTests
{
    [Fact]
    public void SliceCopiesCellsAndMetadata()
    {
        var m = new Multitrack(8, tempoBpm: 120);
        var t = m.AddTrack("alto", program: 52);
        t[3, 60] = 100;
        var s = m.Slice(2, 4);
        Assert.Equal(4, s.Steps);
        Assert.Equal(120, s.TempoBpm);
        Assert.Equal("alto", s.Tracks[0].Name);
        Assert.Equal(52, s.Tracks[0].Program);
        Assert.Equal(100, s.Tracks[0][1, 60]);
        Assert.False(s.Tracks[0].IsActive(0, 60));
    }

    [Fact]
    public void RejectsTrackOfOtherLength() =>
        Assert.Throws<ArgumentException>(() => new Multitrack(8).Add(new PianoRollTrack(7)));

    [Fact]
    public void StepsPerBarFollowsTimeSignature()
    {
        Assert.Equal(16, new Multitrack(0).StepsPerBar);
        Assert.Equal(12, new Multitrack(0, timeSignature: new TimeSignature(3, 4)).StepsPerBar);
        Assert.Equal(12, new Multitrack(0, timeSignature: new TimeSignature(6, 8)).StepsPerBar);
    }
}
