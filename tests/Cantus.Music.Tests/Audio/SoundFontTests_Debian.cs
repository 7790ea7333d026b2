using System.Diagnostics;
using Cantus.Music.Audio.SoundFonts;

namespace Cantus.Music.Tests.Audio;

/// <summary>Loads the General MIDI SoundFonts Debian installs (timgm6mb-soundfont, fluid-soundfont-gm).</summary>
public class SoundFontTests_Debian
{
    public const string TimGm6mb = "/usr/share/sounds/sf2/TimGM6mb.sf2";

    [Fact]
    public void LoadsTimGm6mbWithAllGeneralMidiPrograms()
    {
        Assert.True(File.Exists(TimGm6mb), $"{TimGm6mb} is missing: install the Debian package timgm6mb-soundfont.");
        var font = SoundFont.Load(TimGm6mb);
        var melodic = font.Presets.Where(p => p.Bank == 0).Select(p => p.Program).ToHashSet();
        Assert.Equal(128, melodic.Count);
        Assert.Contains(font.Presets, p => p.Bank == 128);
        Assert.StartsWith("2.", font.Version);
    }

    [Fact]
    public void LoadsFluidR3Quickly()
    {
        const string path = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
        Assert.True(File.Exists(path), $"{path} is missing: install the Debian package fluid-soundfont-gm.");
        var watch = Stopwatch.StartNew();
        var font = SoundFont.Load(path);
        Assert.True(font.Presets.Count >= 128, $"{font.Presets.Count} presets");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"load took {watch.Elapsed}");
    }
}
