using Cantus.Music.Datasets;

namespace Cantus.Music.Tests.Datasets;

public class DataDirectoryTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void CantusDataWins() =>
        Assert.Equal("/srv/cantus", DataDirectory.Resolve(Env(("CANTUS_DATA", "/srv/cantus"), ("XDG_DATA_HOME", "/x")), "/home/u", false));

    [Fact]
    public void XdgDataHomeComesNext() =>
        Assert.Equal("/x/cantus", DataDirectory.Resolve(Env(("XDG_DATA_HOME", "/x")), "/home/u", false));

    [Fact]
    public void RelativeXdgIsIgnored() =>
        Assert.Equal("/home/u/.local/share/cantus", DataDirectory.Resolve(Env(("XDG_DATA_HOME", "rel")), "/home/u", false));

    [Fact]
    public void HomeFallback() =>
        Assert.Equal("/home/u/.local/share/cantus", DataDirectory.Resolve(Env(), "/home/u", false));

    [Fact]
    public void DatasetDirectoryIsUnderDatasets()
    {
        Assert.Equal("/d/datasets/jsb-chorales", DataDirectory.DatasetDirectory("jsb-chorales", "/d"));
        Assert.Throws<ArgumentException>(() => DataDirectory.DatasetDirectory("../etc", "/d"));
        Assert.Throws<ArgumentException>(() => DataDirectory.DatasetDirectory("..", "/d"));
    }
}
