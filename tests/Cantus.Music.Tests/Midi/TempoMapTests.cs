using Cantus.Music.Midi;

namespace Cantus.Music.Tests.Midi;

public class TempoMapTests
{
    private static MidiFile WithTempos(params (long Tick, int Tempo)[] tempos) =>
        new(1, TimeDivision.PerQuarter(100), [new MidiTrack(tempos.Select(t => MetaEvent.CreateTempo(t.Tick, t.Tempo)))]);

    [Fact]
    public void DefaultIs120Bpm() => Assert.Equal(1.5, WithTempos().GetTempoMap().ToSeconds(300), 12);

    [Fact]
    public void TempoChangesAreHonouredBothWays()
    {
        // 100 ticks at 1 s/quarter, then 0.25 s/quarter.
        var map = WithTempos((0, 1_000_000), (100, 250_000)).GetTempoMap();
        Assert.Equal(1.0, map.ToSeconds(100), 12);
        Assert.Equal(1.5, map.ToSeconds(300), 12);
        Assert.Equal(300, map.ToTicks(1.5), 9);
        Assert.Equal(50, map.ToTicks(0.5), 9);
        Assert.Equal(250_000, map.MicrosecondsPerQuarterAt(150));
    }

    [Fact]
    public void LaterTempoAtSameTickWins()
    {
        var map = WithTempos((0, 1_000_000), (0, 500_000)).GetTempoMap();
        Assert.Equal(0.5, map.ToSeconds(100), 12);
    }
}
