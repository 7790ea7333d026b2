using Cantus.Music.Audio.SoundFonts;
using Cantus.Service.Audio;
using Cantus.Service.Errors;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Audio;

public sealed class SoundFontSourceTests
{
    private static string Bank(TempFolder dir, string name, int bytes)
    {
        var path = dir[name];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }

    [Fact]
    public void TheSearch_IsRenderingsOrder_AndSaysWhereItFoundTheFile()
    {
        using var dir = new TempFolder();
        var system = Directory.CreateDirectory(dir["sf2"]).FullName;
        var configured = Bank(dir, "configured.sf2", 10);
        var fromEnvironment = Bank(dir, "env.sf2", 20);

        Assert.Equal(new SoundFontInfo("configured.sf2", 10, "configured"), new SoundFontSource(new AudioSettings { SoundFontPath = configured }, () => fromEnvironment, system).Info());
        Assert.Equal(new SoundFontInfo("env.sf2", 20, "environment"), new SoundFontSource(AudioSettings.Default, () => fromEnvironment, system).Info());
        var none = new SoundFontSource(AudioSettings.Default, () => " ", system);
        Assert.Equal(new SoundFontInfo(SoundFont.CreateFallback().Name, null, "built-in"), none.Info());
        Bank(dir, "sf2/FluidR3_GM.sf2", 30);
        Bank(dir, "sf2/TimGM6mb.sf2", 40);
        Assert.Equal(new SoundFontInfo("TimGM6mb.sf2", 40, "system"), none.Info()); // found at each call, the small bank first
    }

    [Fact]
    public void TheFile_HasATagThatChangesWithIt()
    {
        using var dir = new TempFolder();
        var path = Bank(dir, "bank.sf2", 100);
        var source = new SoundFontSource(new AudioSettings { SoundFontPath = path }, () => null, dir["none"]);
        var file = source.File();
        Assert.Equal((Path.GetFullPath(path), "bank.sf2", 100L), (file.Path, file.Name, file.Bytes));
        Assert.Matches("^\"[0-9a-f]+-[0-9a-f]+\"$", file.ETag);
        Assert.Equal(file, source.File());
        File.WriteAllBytes(path, new byte[101]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        var changed = source.File();
        Assert.NotEqual(file.ETag, changed.ETag);
        Assert.True(changed.LastModified > file.LastModified);
    }

    [Fact]
    public void WithoutAFile_TheFileIsNotFound_WithWhatToDo()
    {
        using var dir = new TempFolder();
        var refused = Assert.Throws<CantusException>(() => new SoundFontSource(AudioSettings.Default, () => null, dir.Path).File());
        Assert.Equal(ErrorKind.NotFound, refused.Kind);
        Assert.Contains("sudo apt-get install timgm6mb-soundfont", refused.Message, StringComparison.Ordinal);
        Assert.Contains(SoundFontLocator.EnvironmentVariable, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConfiguredFileThatIsMissing_IsNotFound_WithoutItsPath()
    {
        using var dir = new TempFolder();
        var missing = dir["secret/place/missing.sf2"];
        foreach (var source in new[]
        {
            new SoundFontSource(new AudioSettings { SoundFontPath = missing }, () => null, dir.Path),
            new SoundFontSource(AudioSettings.Default, () => missing, dir.Path),
        })
        {
            var info = Assert.Throws<CantusException>(source.Info);
            var file = Assert.Throws<CantusException>(source.File);
            Assert.Equal((ErrorKind.NotFound, ErrorKind.NotFound), (info.Kind, file.Kind));
            Assert.DoesNotContain("secret", info.Message, StringComparison.Ordinal);
        }
    }
}
