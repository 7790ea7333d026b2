using System.Diagnostics;
using Cantus.Music.Audio.SoundFonts;

namespace Cantus.Music.Tests.Audio;

/// <summary>Loads the General MIDI SoundFonts Debian installs (timgm6mb-soundfont, fluid-soundfont-gm).</summary>
public class SoundFontTests_Debian
{
    public const string TimGm6mb = "/usr/share/sounds/sf2/TimGM6mb.sf2";

    public const string FluidR3 = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

    [InstalledFileFact(TimGm6mb, "timgm6mb-soundfont")]
    public void LoadsTimGm6mbWithAllGeneralMidiPrograms()
    {
        var font = SoundFont.Load(TimGm6mb);
        var melodic = font.Presets.Where(p => p.Bank == 0).Select(p => p.Program).ToHashSet();
        Assert.Equal(128, melodic.Count);
        Assert.Contains(font.Presets, p => p.Bank == 128);
        Assert.StartsWith("2.", font.Version);
    }

    [InstalledFileFact(FluidR3, "fluid-soundfont-gm")]
    public void LoadsFluidR3Quickly()
    {
        const string path = FluidR3;
        var watch = Stopwatch.StartNew();
        var font = SoundFont.Load(path);
        Assert.True(font.Presets.Count >= 128, $"{font.Presets.Count} presets");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"load took {watch.Elapsed}");
    }
}
