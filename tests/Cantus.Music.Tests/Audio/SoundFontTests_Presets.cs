using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Tests.Audio.Helpers;

namespace Cantus.Music.Tests.Audio;

/// <summary>Preset lookup with the General MIDI fallbacks of <see cref="SoundFont.FindPreset"/>.</summary>
public class SoundFontTests_Presets
{
    private static readonly SoundFont Font = Build();

    private static SoundFont Build()
    {
        var builder = new Sf2Builder();
        builder.Presets.Clear();
        builder.Presets.AddRange([(0, 5), (0, 0), (8, 5), (128, 0), (128, 25)]);
        return SoundFont.Load(new MemoryStream(builder.Build()));
    }

    [Theory]
    [InlineData(0, 5, 0, 5)]       // exact
    [InlineData(8, 5, 8, 5)]       // exact, variation bank
    [InlineData(3, 5, 0, 5)]       // unknown bank: same program in bank 0
    [InlineData(0, 7, 0, 0)]       // unknown program: program 0
    [InlineData(128, 25, 128, 25)] // drum kit
    [InlineData(128, 99, 128, 0)]  // unknown kit: standard kit
    public void FindsPresetOrGeneralMidiFallback(int bank, int program, int expectedBank, int expectedProgram)
    {
        var preset = Font.FindPreset(bank, program);
        Assert.NotNull(preset);
        Assert.Equal((expectedBank, expectedProgram), (preset.Bank, preset.Program));
    }

    [Fact]
    public void PresetsAreListedInFileOrderWithNames()
    {
        Assert.Equal(5, Font.Presets.Count);
        Assert.Equal(new SoundFontPresetInfo(0, 5, "P0:5"), Font.Presets[0]);
        Assert.Equal("Test", Font.Name);
        Assert.Equal("2.04", Font.Version);
    }
}
