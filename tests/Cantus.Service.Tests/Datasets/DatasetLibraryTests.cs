using System.IO.Compression;
using Cantus.Music.Datasets;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Datasets;

public sealed class DatasetLibraryTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly ServicePaths _paths;
    private readonly DatasetLibrary _library;

    public DatasetLibraryTests()
    {
        _paths = Fixtures.Paths(_dir);
        _library = new DatasetLibrary(_paths);
    }

    public void Dispose() => _dir.Dispose();

    private static MemoryStream Zip(params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(content);
            }
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Import_KeepsTheMidiFiles_LeavesOutTheRestAndSaysWhy()
    {
        var broken = Fixtures.Piece(1)[..20];
        using var zip = Zip(("songs/a.mid", Fixtures.Piece(0)), ("songs/b.MID", Fixtures.Piece(1)), ("c.midi", Fixtures.Piece(2)),
            ("readme.txt", "hello"u8.ToArray()), ("../evil.mid", Fixtures.Piece(0)), ("/abs.mid", Fixtures.Piece(0)), ("broken.mid", broken),
            ("__MACOSX/._a.mid", Fixtures.Piece(0)), ("songs/.hidden.mid", Fixtures.Piece(0)));
        var result = _library.Import("choirs", zip, ["chorale"], "three pieces");
        Assert.Equal(3, result.Dataset.Files);
        Assert.Equal(["chorale"], result.Dataset.Tags);
        Assert.Contains(result.Skipped, s => s.StartsWith("readme.txt: not a MIDI file", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.StartsWith("../evil.mid: not a plain relative path", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.StartsWith("/abs.mid", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.StartsWith("broken.mid", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_paths.DataDirectory, "datasets", "evil.mid")));
        Assert.False(File.Exists(Path.Combine(_paths.DataDirectory, "evil.mid")));
        Assert.Contains(_library.List(), d => d.Name == "choirs" && d.Available && d.Files == 3);

        var dataset = _paths.Datasets.Open("choirs", ["chorale"]);
        Assert.Equal(3, DatasetSplits.All.Sum(s => dataset.Rolls(s).Count));
        Assert.Throws<InvalidDataException>(() => _paths.Datasets.Open("choirs", ["pop"]));
    }

    [Fact]
    public void Import_Refusals_LeaveNothingBehind()
    {
        CantusException Refused(string name, Stream zip, ImportLimits? limits = null) => Assert.Throws<CantusException>(() => _library.Import(name, zip, limits: limits));
        Assert.Equal(ErrorKind.InvalidOptions, Refused("../up", Zip(("a.mid", Fixtures.Piece(0)))).Kind);
        Assert.Equal(ErrorKind.Conflict, Refused("jsb-chorales", Zip(("a.mid", Fixtures.Piece(0)))).Kind);
        Assert.Equal(ErrorKind.BadInput, Refused("notzip", new MemoryStream("this is not a zip"u8.ToArray())).Kind);
        Assert.Equal(ErrorKind.BadInput, Refused("nomidi", Zip(("a.txt", "x"u8.ToArray()))).Kind);
        Assert.Equal(ErrorKind.LimitExceeded, Refused("big", Zip(("a.mid", Fixtures.Piece(0))), new ImportLimits { MaxArchiveBytes = 100 }).Kind);
        Assert.Equal(ErrorKind.LimitExceeded, Refused("many", Zip(("a.mid", Fixtures.Piece(0)), ("b.mid", Fixtures.Piece(1))), new ImportLimits { MaxEntries = 1 }).Kind);
        // A bomb: a small archive that inflates past the limit (zeros compress well).
        Assert.Equal(ErrorKind.LimitExceeded, Refused("bomb", Zip(("a.mid", new byte[5 << 20]))).Kind);
        Assert.Equal(ErrorKind.LimitExceeded, Refused("total", Zip(("a.mid", Fixtures.Piece(0)), ("b.mid", Fixtures.Piece(1))),
            new ImportLimits { MaxUncompressedBytes = Fixtures.Piece(0).Length + 10 }).Kind);
        var datasets = Path.Combine(_paths.DataDirectory, "datasets");
        Assert.Empty(Directory.Exists(datasets) ? Directory.GetFileSystemEntries(datasets) : []);

        _library.Import("once", Zip(("a.mid", Fixtures.Piece(0))));
        Assert.Equal(ErrorKind.Conflict, Refused("once", Zip(("a.mid", Fixtures.Piece(0)))).Kind);
    }

    [Fact]
    public void List_ShowsTheBuiltInDatasetEvenWhenNotDownloaded()
    {
        var jsb = Assert.Single(_library.List());
        Assert.Equal(("jsb-chorales", false), (jsb.Name, jsb.Available));
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<CantusException>(() => _library.DownloadAsync("pop909", false, new HttpClient()).GetAwaiter().GetResult()).Kind);
    }
}
