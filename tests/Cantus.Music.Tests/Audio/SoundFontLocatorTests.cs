using Cantus.Music.Audio.SoundFonts;

namespace Cantus.Music.Tests.Audio;

public sealed class SoundFontLocatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cantus-sf2-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Touch(string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, []);
        return path;
    }

    [Fact]
    public void ExplicitPathWinsThenEnvironmentThenSystemDirectory()
    {
        var a = Touch("a.sf2");
        var b = Touch("b.sf2");
        Assert.Equal(a, SoundFontLocator.FindPath(a, b, _dir));
        Assert.Equal(b, SoundFontLocator.FindPath(null, b, _dir));
        Assert.Equal(a, SoundFontLocator.FindPath(null, null, _dir));   // first by name
        var fluid = Touch("FluidR3_GM.sf2");
        Assert.Equal(fluid, SoundFontLocator.FindPath("", " ", _dir));
        var tim = Touch("TimGM6mb.sf2");
        Assert.Equal(tim, SoundFontLocator.FindPath(null, null, _dir));
    }

    [Fact]
    public void MissingConfiguredFilesAreErrorsButAnEmptySystemDirectoryIsNot()
    {
        var missing = Path.Combine(_dir, "missing.sf2");
        Assert.Throws<FileNotFoundException>(() => SoundFontLocator.FindPath(missing, null, _dir));
        Assert.Throws<FileNotFoundException>(() => SoundFontLocator.FindPath(null, missing, _dir));
        Assert.Null(SoundFontLocator.FindPath(null, null, _dir));
        Assert.Null(SoundFontLocator.FindPath(null, null, Path.Combine(_dir, "nowhere")));
    }

    [Fact]
    public void FallbackIsABuiltInBankWithPianoAndDrums()
    {
        var font = SoundFont.CreateFallback();
        Assert.True(font.IsFallback);
        Assert.Contains(font.Presets, p => p.Bank == 0 && p.Program == 0);
        Assert.Contains(font.Presets, p => p.Bank == 128);
        Assert.Same(font, SoundFont.CreateFallback());
    }
}
