using System.IO.Compression;
using Cantus.Music.Datasets;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Datasets;

public sealed class DatasetLibraryTests : IDisposable
{
    private const string Me = UserRepository.LocalUserId;
    private readonly TempFolder _dir = new();
    private readonly ServicePaths _paths;
    private readonly DatasetLibrary _library;

    public DatasetLibraryTests()
    {
        _paths = Fixtures.Paths(_dir);
        _library = new DatasetLibrary(_paths, () => Fixtures.Store(_paths));
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
    public async Task Import_KeepsTheMidiFiles_LeavesOutTheRestAndSaysWhy_AndTrainsFromTheStore()
    {
        var broken = Fixtures.Piece(1)[..20];
        using var zip = Zip(("songs/a.mid", Fixtures.Piece(0)), ("songs/b.MID", Fixtures.Piece(1)), ("c.midi", Fixtures.Piece(2)),
            ("readme.txt", "hello"u8.ToArray()), ("../evil.mid", Fixtures.Piece(0)), ("/abs.mid", Fixtures.Piece(0)), ("broken.mid", broken),
            ("songs/.hidden.mid", Fixtures.Piece(0)));
        var result = await _library.ImportAsync(Me, "choirs", zip, ["chorale"], "three pieces");
        Assert.Equal(3, result.Dataset.Files);
        Assert.Equal(["chorale"], result.Dataset.Tags);
        Assert.Contains(result.Skipped, s => s.StartsWith("readme.txt: not a MIDI file", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.StartsWith("../evil.mid: not a plain relative path", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.StartsWith("/abs.mid", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.StartsWith("broken.mid", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_paths.DataDirectory, "evil.mid")));
        Assert.Contains(await _library.ListAsync(Me), d => d.Name == "choirs" && d.Available && d.Files == 3);
        Assert.True(await _library.ExistsAsync(Me, "choirs"));

        var dataset = _library.Resolver(Me).Open("choirs", ["chorale"]);
        Assert.Equal("choirs", dataset.Name);
        Assert.Equal(3, DatasetSplits.All.Sum(s => dataset.Rolls(s).Count));
        Assert.Throws<InvalidDataException>(() => _library.Resolver(Me).Open("choirs", ["pop"]));

        // Another user sees none of it.
        var store = Fixtures.Store(_paths);
        var other = await store.Users.CreateAsync(new UserRecord { Name = "someone", DisplayName = "Someone" });
        Assert.DoesNotContain(await _library.ListAsync(other.Id), d => d.Name == "choirs");
        Assert.False(await _library.ExistsAsync(other.Id, "choirs"));
        Assert.Throws<FileNotFoundException>(() => _library.Resolver(other.Id).Open("choirs"));
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CantusException>(() => _library.DeleteAsync(other.Id, "choirs"))).Kind);

        await _library.DeleteAsync(Me, "choirs");
        Assert.DoesNotContain(await _library.ListAsync(Me), d => d.Name == "choirs");
    }

    [Fact]
    public async Task Import_Refusals_LeaveNothingBehind()
    {
        async Task<CantusException> Refused(string name, Stream zip, ImportLimits? limits = null) =>
            await Assert.ThrowsAsync<CantusException>(() => _library.ImportAsync(Me, name, zip, limits: limits));
        Assert.Equal(ErrorKind.InvalidOptions, (await Refused("../up", Zip(("a.mid", Fixtures.Piece(0))))).Kind);
        Assert.Equal(ErrorKind.Conflict, (await Refused("jsb-chorales", Zip(("a.mid", Fixtures.Piece(0))))).Kind);
        Assert.Equal(ErrorKind.BadInput, (await Refused("notzip", new MemoryStream("this is not a zip"u8.ToArray()))).Kind);
        Assert.Equal(ErrorKind.BadInput, (await Refused("nomidi", Zip(("a.txt", "x"u8.ToArray())))).Kind);
        Assert.Equal(ErrorKind.LimitExceeded, (await Refused("big", Zip(("a.mid", Fixtures.Piece(0))), new ImportLimits { MaxArchiveBytes = 100 })).Kind);
        Assert.Equal(ErrorKind.LimitExceeded, (await Refused("many", Zip(("a.mid", Fixtures.Piece(0)), ("b.mid", Fixtures.Piece(1))), new ImportLimits { MaxEntries = 1 })).Kind);
        // A bomb: a small archive that inflates past the limit (zeros compress well).
        Assert.Equal(ErrorKind.LimitExceeded, (await Refused("bomb", Zip(("a.mid", new byte[5 << 20])))).Kind);
        Assert.Equal(ErrorKind.LimitExceeded, (await Refused("total", Zip(("a.mid", Fixtures.Piece(0)), ("b.mid", Fixtures.Piece(1))),
            new ImportLimits { MaxUncompressedBytes = Fixtures.Piece(0).Length + 10 })).Kind);
        Assert.Equal(["jsb-chorales", "lab-snippets"], (await _library.ListAsync(Me)).Select(d => d.Name));

        await _library.ImportAsync(Me, "once", Zip(("a.mid", Fixtures.Piece(0))));
        Assert.Equal(ErrorKind.Conflict, (await Refused("once", Zip(("a.mid", Fixtures.Piece(0))))).Kind);
    }

    [Fact]
    public async Task List_ShowsTheBuiltInDatasetsEvenWhenNotDownloaded()
    {
        var list = await _library.ListAsync(Me);
        Assert.Equal([("jsb-chorales", false), ("lab-snippets", false)], list.Select(d => (d.Name, d.Available)));
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CantusException>(() => _library.DownloadAsync("pop909", false, new HttpClient()))).Kind);
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<CantusException>(() => _library.DeleteAsync(Me, "jsb-chorales"))).Kind);
    }
}
