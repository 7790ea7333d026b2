using Cantus.Music.PianoRolls;
using Cantus.Service.Errors;
using Cantus.Service.Melodies;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Melodies;

public sealed class SampleMelodiesTests
{
    [Theory]
    [InlineData("ode-to-joy", "Ode to joy")]
    [InlineData("twinkle_twinkle", "Twinkle twinkle")]
    [InlineData("deck--the--halls", "Deck the halls")]
    [InlineData("x", "X")]
    [InlineData("2-part-invention", "2 part invention")]
    public void AFileName_IsMadeReadable(string name, string title) => Assert.Equal(title, SampleMelodies.Readable(name));

    [Fact]
    public void TheShippedFolder_IsFound_WithItsTitles()
    {
        var folder = ServicePaths.FindSampleMelodies();
        Assert.NotNull(folder);
        Assert.True(File.Exists(Path.Combine(folder, "ode-to-joy.mid")));
        var list = new SampleMelodies(folder).List();
        Assert.Equal(["deck-the-halls", "ode-to-joy", "pickup-melody", "twinkle-twinkle"], list.Select(m => m.Name));
        Assert.Equal(["Deck the Halls", "Ode to Joy", "Melody with leading silence", "Twinkle Twinkle Little Star"], list.Select(m => m.Title));
        Assert.All(list, m => Assert.True(m.Bars > 0 && m.Notes > 0 && m.Seconds > 0, m.ToString()));
        Assert.Equal(new SampleMelody("ode-to-joy", "Ode to Joy", 8, 30, 19.2), list[1]);
    }

    [Fact]
    public async Task ChangesToTheFolder_AreSeen_AndOnlyListedNamesOpen()
    {
        using var dir = new TempFolder();
        var folder = Directory.CreateDirectory(dir["melodies"]).FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "a-tune.mid"), Fixtures.Melody(2));
        await File.WriteAllBytesAsync(dir["outside.mid"], Fixtures.Melody(2));
        var samples = new SampleMelodies(folder);
        Assert.Equal("melody", Assert.Single(samples.List()).Title); // the fixture's track name
        Assert.Equal(Fixtures.Melody(2), await samples.MidiAsync("a-tune"));

        await File.WriteAllBytesAsync(Path.Combine(folder, "B-Side.MID"), Fixtures.Melody(4));
        await File.WriteAllTextAsync(Path.Combine(folder, "readme.mid"), "not MIDI");
        Assert.Equal(["B-Side", "a-tune"], samples.List().Select(m => m.Name));
        Assert.Equal(4, samples.List()[0].Bars);

        foreach (var name in new[] { "readme", "../outside", "..\\outside", Path.Combine(dir.Path, "outside"), "a-tune.mid", "", "A-TUNE" })
        {
            var refused = await Assert.ThrowsAsync<CantusException>(() => samples.MidiAsync(name));
            Assert.Equal(ErrorKind.NotFound, refused.Kind);
        }
        File.Delete(Path.Combine(folder, "a-tune.mid"));
        Assert.Equal(["B-Side"], samples.List().Select(m => m.Name));
    }

    [Fact]
    public void WithoutAFolder_ThereAreNone()
    {
        Assert.Empty(new SampleMelodies(null).List());
        Assert.Empty(new SampleMelodies("/no/such/folder/anywhere").List());
    }

    [Fact]
    public void AFileWithoutATrackName_IsTitledByItsName()
    {
        using var dir = new TempFolder();
        var m = new Multitrack(32);
        var track = m.AddTrack();
        for (var t = 0; t < 32; t++) track[t, 60] = 90;
        File.WriteAllBytes(dir["little-star.mid"], MultitrackToMidi.Convert(m).ToBytes());
        Assert.Equal("Little star", Assert.Single(new SampleMelodies(dir.Path).List()).Title);
    }
}
