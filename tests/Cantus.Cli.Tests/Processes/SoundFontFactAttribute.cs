using Cantus.Music.Audio.SoundFonts;

namespace Cantus.Cli.Tests.Processes;

/// <summary>A test that needs an installed SoundFont: skipped, with the reason, when cantus finds none (CI installs timgm6mb-soundfont).</summary>
public sealed class SoundFontFactAttribute : FactAttribute
{
    public SoundFontFactAttribute()
    {
        if (SoundFontLocator.FindPath() is null) Skip = "no SoundFont installed (apt-get install timgm6mb-soundfont)";
        Timeout = 120_000;
    }
}
