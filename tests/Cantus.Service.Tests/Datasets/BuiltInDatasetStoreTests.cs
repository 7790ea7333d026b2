using System.Net;
using Cantus.Music.Datasets;
using Cantus.Music.PianoRolls;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Storage.Library;
using Cantus.Service.Tests.Storage;
using Cantus.Service.Tests.TestSupport;
using Dapper;

namespace Cantus.Service.Tests.Datasets;

/// <summary>
/// The built-in datasets live in the store (a zip blob and a row without owner), on both engines:
/// seeded from a data directory once, opened by a node with an empty data directory, refused
/// when the files are not the published ones, and downloaded once for the whole cluster.
/// Each test has a database of its own (built-in datasets are one per database).
/// </summary>
public abstract class BuiltInDatasetStoreTests(StoreFixture fixture) : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string SharedDatasets
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "Cantus.slnx"))) dir = Path.GetDirectoryName(dir)!;
            return Path.GetFullPath(Path.Combine(dir, "..", "shared", "datasets"));
        }
    }

    private static string SharedJsb => Path.Combine(SharedDatasets, "jsb-chorales", JsbChoralesLoader.FileName);

    private async Task<CantusStore> NewStoreAsync() => await CantusStore.OpenAsync((await fixture.CreateDatabaseAsync())!, fixture.Options);

    /// <summary>A data directory under the test's folder; with <paramref name="jsb"/> it holds the JSB chorales as a download leaves them.</summary>
    private ServicePaths DataDirectory(string name, byte[]? jsb = null)
    {
        var data = _dir[name];
        Directory.CreateDirectory(data);
        if (jsb is not null)
        {
            var folder = Path.Combine(data, "datasets", "jsb-chorales");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, JsbChoralesLoader.FileName), jsb);
        }
        return new ServicePaths { DataDirectory = data };
    }

    private static async Task<(long Datasets, long Blobs)> CountAsync(CantusStore store)
    {
        await using var connection = await store.Database.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM datasets"), await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM blobs"));
    }

    [StoreFact]
    public async Task SeedingFromTheDataDirectory_StoresTheDatasetOnce()
    {
        await using var store = await NewStoreAsync();
        var paths = DataDirectory("node", File.ReadAllBytes(SharedJsb));

        var first = await new DatasetLibrary(paths, () => store).SeedFromDataDirectoryAsync();
        var jsb = Assert.Single(first, r => r.Name == JsbChoralesLoader.DatasetName);
        Assert.Equal(DatasetSeedOutcome.Stored, jsb.Outcome);
        Assert.Equal(382, jsb.Pieces);
        Assert.Equal(DatasetSeedOutcome.NotPresent, Assert.Single(first, r => r.Name == LabSnippetsDownloader.DatasetName).Outcome);
        var row = await store.Datasets.FindBuiltInAsync(JsbChoralesLoader.DatasetName);
        Assert.NotNull(row);
        Assert.Equal((null, DatasetKinds.JsbChorales, DatasetStates.Available, 382, jsb.ArchiveSha256), (row.OwnerId, row.Kind, row.State, row.Pieces, row.ArchiveSha256));
        Assert.Equal((1L, 1L), await CountAsync(store));

        // The node starts again: the store has it, nothing is stored twice.
        var second = await new DatasetLibrary(paths, () => store).SeedFromDataDirectoryAsync();
        Assert.Equal(DatasetSeedOutcome.AlreadyStored, Assert.Single(second, r => r.Name == JsbChoralesLoader.DatasetName).Outcome);
        Assert.Equal((1L, 1L), await CountAsync(store));
        Assert.Equal(row, await store.Datasets.FindBuiltInAsync(JsbChoralesLoader.DatasetName));

        // Seeding a folder (the admin command) stores only what the store lacks.
        var more = await new DatasetLibrary(DataDirectory("admin"), () => store).SeedAsync(SharedDatasets);
        Assert.Equal([DatasetSeedOutcome.AlreadyStored, DatasetSeedOutcome.Stored], more.Select(r => r.Outcome));
        Assert.Equal((2L, 2L), await CountAsync(store));
        Assert.Equal(row, await store.Datasets.FindBuiltInAsync(JsbChoralesLoader.DatasetName));

        // The archive depends on the files only: any node seeding them makes the same blob.
        await using var elsewhere = await NewStoreAsync();
        var again = await new DatasetLibrary(DataDirectory("elsewhere", File.ReadAllBytes(SharedJsb)), () => elsewhere).SeedFromDataDirectoryAsync();
        Assert.Equal(row.ArchiveSha256, Assert.Single(again, r => r.Name == JsbChoralesLoader.DatasetName).ArchiveSha256);
    }

    [StoreFact]
    public async Task ANodeWithAnEmptyDataDirectory_OpensTheBuiltInDatasetFromTheStore()
    {
        await using var store = await NewStoreAsync();
        var seeder = new DatasetLibrary(DataDirectory("seeder", File.ReadAllBytes(SharedJsb)), () => store);
        await seeder.SeedFromDataDirectoryAsync();

        var empty = DataDirectory("empty");
        var library = new DatasetLibrary(empty, () => store);
        var someone = (await store.Users.CreateAsync(new UserRecord { Name = "user-" + StoreIds.New(), DisplayName = "Someone" })).Id;
        foreach (var user in new[] { UserRepository.LocalUserId, someone })
        {
            Assert.Contains(await library.ListAsync(user), d => d.Name == JsbChoralesLoader.DatasetName && d.Available);
            Assert.True(await library.ExistsAsync(user, JsbChoralesLoader.DatasetName));
            Assert.Equal(await store.Datasets.FindBuiltInAsync(JsbChoralesLoader.DatasetName), await library.RecordOfAsync(user, JsbChoralesLoader.DatasetName));
        }
        Assert.DoesNotContain(await library.ListAsync(someone), d => d.Name == LabSnippetsDownloader.DatasetName && d.Available);

        var windowing = new WindowOptions { Transposition = Transposition.UpTo(2), PitchRange = new PitchRange(36, 99) };
        var original = DatasetInfo.Compute(JsbChoralesLoader.Load(SharedJsb), windowing);
        var opened = library.Resolver(someone).Open(JsbChoralesLoader.DatasetName);
        Assert.Equal(JsbChoralesLoader.DatasetName, opened.Name);
        var info = DatasetInfo.Compute(opened, windowing);
        Assert.Equal(original.Splits, info.Splits);
        Assert.Equal(3176, library.Info(someone, JsbChoralesLoader.DatasetName, new WindowOptions()).Splits[0].Samples);

        // Unpacked once into the node's cache, by the archive's hash; nothing in its datasets folder.
        var sha = (await store.Datasets.FindBuiltInAsync(JsbChoralesLoader.DatasetName))!.ArchiveSha256!;
        Assert.True(File.Exists(Path.Combine(empty.DataDirectory, "cache", "datasets", sha, JsbChoralesLoader.FileName)));
        Assert.False(Directory.Exists(Path.Combine(empty.DataDirectory, "datasets")));
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<CantusException>(() => library.DeleteAsync(someone, JsbChoralesLoader.DatasetName))).Kind);
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<CantusException>(() => library.ImportAsync(someone, LabSnippetsDownloader.DatasetName, new MemoryStream()))).Kind);
    }

    [StoreFact]
    public async Task TheLabSnippets_SeededFromAFolder_OpenAsFromTheDataDirectory()
    {
        await using var store = await NewStoreAsync();
        var results = await new DatasetLibrary(DataDirectory("seeder"), () => store).SeedAsync(SharedDatasets);
        Assert.Equal([DatasetSeedOutcome.Stored, DatasetSeedOutcome.Stored], results.Select(r => r.Outcome));
        Assert.Equal(229, Assert.Single(results, r => r.Name == LabSnippetsDownloader.DatasetName).Pieces);

        // The same files in a data directory, as 'cantus dataset download lab-snippets' leaves them.
        var local = DataDirectory("local");
        var folder = Path.Combine(local.DataDirectory, "datasets", LabSnippetsDownloader.DatasetName);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(SharedDatasets, "deepcomposer-jsb-2bar"))) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(folder, DatasetCatalog.ManifestFileName), """{ "tags": ["chorale", "lab"] }""");
        var expected = new DatasetCatalog(local.DataDirectory).Open(LabSnippetsDownloader.DatasetName);

        var opened = new DatasetLibrary(DataDirectory("empty"), () => store).Resolver(UserRepository.LocalUserId).Open(LabSnippetsDownloader.DatasetName, ["lab"]);
        Assert.Equal(expected.Name, opened.Name);
        Assert.Equal(expected.Tags, opened.Tags);
        foreach (var split in DatasetSplits.All)
            Assert.Equal(expected.Pieces(split).Select(p => p.Name), opened.Pieces(split).Select(p => p.Name));
        Assert.Throws<InvalidDataException>(() => new DatasetLibrary(DataDirectory("empty2"), () => store).Resolver(UserRepository.LocalUserId).Open(LabSnippetsDownloader.DatasetName, ["pop"]));
    }

    [StoreFact]
    public async Task ACorruptedSeedFile_IsRefusedWithASentence_AndNothingIsStored()
    {
        await using var store = await NewStoreAsync();
        var bytes = File.ReadAllBytes(SharedJsb);
        bytes[bytes.Length / 2] = (byte)(bytes[bytes.Length / 2] == (byte)'1' ? '2' : '1');
        var paths = DataDirectory("node", bytes);
        var snippets = Path.Combine(paths.DataDirectory, "datasets", LabSnippetsDownloader.DatasetName);
        Directory.CreateDirectory(snippets);
        foreach (var file in Directory.GetFiles(Path.Combine(SharedDatasets, "deepcomposer-jsb-2bar"))) File.Copy(file, Path.Combine(snippets, Path.GetFileName(file)));
        File.Delete(Path.Combine(snippets, "MIDI-17.mid"));
        var library = new DatasetLibrary(paths, () => store);

        var results = await library.SeedFromDataDirectoryAsync();
        var jsb = Assert.Single(results, r => r.Name == JsbChoralesLoader.DatasetName);
        Assert.Equal(DatasetSeedOutcome.Refused, jsb.Outcome);
        Assert.Equal($"{Path.Combine(paths.DataDirectory, "datasets", "jsb-chorales", JsbChoralesLoader.FileName)} is not the published JSB chorales file: its SHA-256 is "
            + $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}, not {JsbChoralesDownloader.Sha256}; nothing was stored (download it again, or copy a good one).", jsb.Detail);
        var lab = Assert.Single(results, r => r.Name == LabSnippetsDownloader.DatasetName);
        Assert.Equal(DatasetSeedOutcome.Refused, lab.Outcome);
        Assert.Contains("lacks MIDI-17.mid", lab.Detail, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await CountAsync(store));

        // Training on it through the store is refused with the same sentence.
        var refused = await Assert.ThrowsAsync<CantusException>(() => library.RecordOfAsync(UserRepository.LocalUserId, JsbChoralesLoader.DatasetName));
        Assert.Equal((ErrorKind.BadInput, jsb.Detail), (refused.Kind, refused.Message));
        Assert.Equal((0L, 0L), await CountAsync(store));
    }

    [StoreFact]
    public async Task Download_StoresTheFiles_AndAnotherNodeFetchesNothing()
    {
        await using var store = await NewStoreAsync();
        var handler = new LocalHandler(File.ReadAllBytes(SharedJsb));
        using var http = new HttpClient(handler);
        var first = await new DatasetLibrary(DataDirectory("first"), () => store).DownloadAsync(JsbChoralesLoader.DatasetName, false, http);
        Assert.True(first.Downloaded);
        Assert.Equal(1, handler.Requests);
        Assert.NotNull(await store.Datasets.FindBuiltInAsync(JsbChoralesLoader.DatasetName));

        var empty = DataDirectory("second");
        var second = await new DatasetLibrary(empty, () => store).DownloadAsync(JsbChoralesLoader.DatasetName, false, http);
        Assert.False(second.Downloaded);
        Assert.Equal(JsbChoralesDownloader.Sha256, second.Sha256);
        Assert.Equal(1, handler.Requests);
        Assert.StartsWith(Path.Combine(empty.DataDirectory, "cache", "datasets"), second.Path, StringComparison.Ordinal);
        Assert.Equal((1L, 1L), await CountAsync(store));
    }

    private sealed class LocalHandler(byte[] body) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        }
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : BuiltInDatasetStoreTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : BuiltInDatasetStoreTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
