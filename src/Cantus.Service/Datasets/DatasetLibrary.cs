using System.IO.Compression;
using System.Text.Json;
using Cantus.Music.Datasets;
using Cantus.Music.IO;
using Cantus.Music.PianoRolls;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Blobs;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Datasets;

/// <summary>
/// The datasets use case. Built in: the JSB chorales and the lab's snippets, downloaded from their
/// canonical addresses (SHA-256 checked) or seeded from a folder, and kept in the store as one zip
/// blob of their files on a row without owner that every user sees; any node opens them from the
/// store (unpacked once into its cache), so a node needs nothing but the connection string. A node
/// whose data directory holds them stores them at start (<see cref="SeedFromDataDirectoryAsync"/>),
/// and opens them from there while the store lacks them. Any folder of MIDI files an operator puts
/// under the data directory's <c>datasets/</c> is a dataset of that node (shared by all users).
/// Imported: a user's zip of MIDI files, checked and kept in the store as a blob with its row
/// (tags, pieces), private to that user and available to every node of a cluster. Datasets are
/// named, never addressed by a path from a request.
/// </summary>
public sealed class DatasetLibrary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ServicePaths _paths;
    private readonly DatasetCatalog _catalog;
    private readonly DatasetCache _cache;
    private readonly Lazy<CantusStore> _store;

    /// <summary>Creates the library over <paramref name="paths"/>; <paramref name="store"/> is opened on first use.</summary>
    public DatasetLibrary(ServicePaths paths, Func<CantusStore> store)
    {
        _paths = paths ?? throw new ArgumentNullException(nameof(paths));
        ArgumentNullException.ThrowIfNull(store);
        _catalog = paths.Datasets;
        _cache = new DatasetCache(paths.DataDirectory);
        _store = new Lazy<CantusStore>(store, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private CantusStore Store => _store.Value;

    /// <summary>The built-in datasets (available when the store or this node's data directory has them), the data directory's folders, and the owner's imported datasets.</summary>
    public async Task<IReadOnlyList<DatasetSummary>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var result = new List<DatasetSummary>();
        foreach (var name in BuiltInDatasets.Names)
        {
            var available = _catalog.Exists(name) || await StoredBuiltInAsync(name, cancellationToken).ConfigureAwait(false) is not null;
            result.Add(name == JsbChoralesLoader.DatasetName
                ? new DatasetSummary(name, "jsb-chorales", available, ["chorale", "bach"], null, BuiltInDatasets.Description(name))
                : new DatasetSummary(name, "lab-snippets", available, [.. BuiltInDatasets.LabTags], LabSnippetsDownloader.Manifest.Count, BuiltInDatasets.Description(name)));
        }
        foreach (var name in _catalog.Names().Where(n => !BuiltInDatasets.Is(n)))
            result.Add(new DatasetSummary(name, "midi-folder", true, [], MidiFileSet.Expand([_catalog.DirectoryOf(name)]).Count, "A folder of MIDI files in the data directory."));
        var rows = await Store.Datasets.ListAsync(ownerId, new Page(0, Page.MaxLimit), cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var row in rows.Where(r => r.OwnerId is not null))
            result.Add(Summary(row));
        return result;
    }

    /// <summary>True when the owner can train on dataset <paramref name="name"/> now.</summary>
    public async Task<bool> ExistsAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        if (_catalog.Exists(name)) return true;
        if (BuiltInDatasets.Is(name)) return await StoredBuiltInAsync(name, cancellationToken).ConfigureAwait(false) is not null;
        return await Store.Datasets.FindByNameAsync(ownerId, name, cancellationToken: cancellationToken).ConfigureAwait(false) is { OwnerId: not null };
    }

    /// <summary>
    /// The store's row of a dataset the owner can use. A built-in dataset only this node's data
    /// directory holds is stored first (so that any worker can open it); a folder dataset is
    /// recorded on first use.
    /// </summary>
    /// <exception cref="CantusException">NotFound; BadInput: the data directory's copy of a built-in dataset is not the published one.</exception>
    public async Task<DatasetRecord> RecordOfAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        if (BuiltInDatasets.Is(name))
        {
            if (await StoredBuiltInAsync(name, cancellationToken).ConfigureAwait(false) is { } stored) return stored;
            if (_catalog.Exists(name)) return await StoreBuiltInAsync(name, _catalog.DirectoryOf(name), cancellationToken).ConfigureAwait(false);
            throw CantusException.NotFound($"The built-in dataset {name} is not in the store yet: download it first.");
        }
        if (_catalog.Exists(name))
            return await Store.Datasets.UpsertBuiltInAsync(new DatasetRecord
            {
                Name = name,
                Kind = DatasetKinds.MidiZip,
                State = DatasetStates.Available,
                Tags = "[]",
                Description = "A folder of MIDI files in the data directory",
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Store.Datasets.FindByNameAsync(ownerId, name, cancellationToken: cancellationToken).ConfigureAwait(false) is { OwnerId: not null } row
            ? row
            : throw CantusException.NotFound($"There is no dataset named '{name}'.");
    }

    /// <summary>
    /// Makes a built-in dataset available to every node: when the store already holds it (and not
    /// <paramref name="force"/>) nothing is fetched; otherwise it is downloaded from its canonical
    /// address into this node's data directory (SHA-256 checked; a verified copy already there is
    /// kept unless <paramref name="force"/>) and its files are stored in the store.
    /// </summary>
    /// <exception cref="CantusException">NotFound: no built-in dataset of that name; Unavailable: the address cannot be reached.</exception>
    public async Task<DatasetDownloadResult> DownloadAsync(string name, bool force, HttpClient http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var normalized = Normalized(name);
        if (!force && BuiltInDatasets.Is(normalized) && await StoredBuiltInAsync(normalized, cancellationToken).ConfigureAwait(false) is { ArchiveSha256: { } sha })
        {
            var folder = Unpacked(sha, normalized);
            var bytes = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);
            var path = normalized == JsbChoralesLoader.DatasetName ? Path.Combine(folder, JsbChoralesLoader.FileName) : folder;
            return new DatasetDownloadResult(path, bytes, BuiltInDatasets.Fingerprint(normalized), false);
        }
        var result = await DownloadToDataDirectoryAsync(normalized, force, http, cancellationToken).ConfigureAwait(false);
        await StoreBuiltInAsync(normalized, _catalog.DirectoryOf(normalized), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Downloads a built-in dataset from its canonical address into this node's data directory
    /// only, checking its SHA-256 (the command line without a database).
    /// </summary>
    /// <exception cref="CantusException">NotFound: no built-in dataset of that name; Unavailable: the address cannot be reached.</exception>
    public async Task<DatasetDownloadResult> DownloadToDataDirectoryAsync(string name, bool force, HttpClient http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var normalized = Normalized(name);
        try
        {
            switch (normalized)
            {
                case JsbChoralesLoader.DatasetName:
                    return await new JsbChoralesDownloader(http).DownloadAsync(_catalog.DirectoryOf(normalized), force, cancellationToken).ConfigureAwait(false);
                case LabSnippetsDownloader.DatasetName:
                    var result = await new LabSnippetsDownloader(http).DownloadAsync(_catalog.DirectoryOf(normalized), force, cancellationToken).ConfigureAwait(false);
                    AtomicFile.WriteAllText(Path.Combine(result.Path, DatasetCatalog.ManifestFileName), """{ "tags": ["chorale", "lab"] }""");
                    return result;
                default:
                    throw CantusException.NotFound($"There is no built-in dataset named '{name}' to download; the built-in ones are {JsbChoralesLoader.DatasetName} and {LabSnippetsDownloader.DatasetName}.");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new CantusException(ErrorKind.Unavailable, $"The dataset {normalized} could not be downloaded: {ex.Message}", inner: ex);
        }
    }

    /// <summary>
    /// Stores the built-in datasets found in <paramref name="folder"/> (a datasets folder: <c>jsb-chorales/Jsb16thSeparated.json</c>,
    /// <c>lab-snippets/</c> or <c>deepcomposer-jsb-2bar/</c>; a data directory, whose <c>datasets/</c> is used) that the
    /// store does not hold yet, each checked against its published SHA-256 first; no network is used. A dataset
    /// whose files are not the published ones is refused (the result says why) and nothing of it is stored.
    /// </summary>
    public async Task<IReadOnlyList<DatasetSeedResult>> SeedAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var root = Path.GetFullPath(folder);
        if (!BuiltInDatasets.Names.Any(n => BuiltInDatasets.FolderNames(n).Any(f => Directory.Exists(Path.Combine(root, f)))) && Directory.Exists(Path.Combine(root, "datasets")))
            root = Path.Combine(root, "datasets");
        var results = new List<DatasetSeedResult>(BuiltInDatasets.Names.Count);
        foreach (var name in BuiltInDatasets.Names)
        {
            var candidates = BuiltInDatasets.FolderNames(name).Select(f => Path.Combine(root, f)).ToList();
            var source = candidates.FirstOrDefault(c => BuiltInDatasets.IsPresent(name, c));
            if (await StoredBuiltInAsync(name, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                results.Add(new DatasetSeedResult(name, DatasetSeedOutcome.AlreadyStored, source ?? candidates[0], stored.ArchiveSha256, stored.Pieces, $"{name} is already in the store."));
                continue;
            }
            if (source is null)
            {
                results.Add(new DatasetSeedResult(name, DatasetSeedOutcome.NotPresent, candidates[0], null, null,
                    $"{name} is not under {root} (looked for {string.Join(" and ", candidates.Select(c => Path.GetFileName(c) + (name == JsbChoralesLoader.DatasetName ? "/" + JsbChoralesLoader.FileName : "/")))})."));
                continue;
            }
            try
            {
                var row = await StoreBuiltInAsync(name, source, cancellationToken).ConfigureAwait(false);
                results.Add(new DatasetSeedResult(name, DatasetSeedOutcome.Stored, source, row.ArchiveSha256, row.Pieces,
                    $"{name}: stored {row.Pieces} pieces from {source} in the store (blob {row.ArchiveSha256![..12]})."));
            }
            catch (CantusException ex) when (ex.Kind == ErrorKind.BadInput)
            {
                results.Add(new DatasetSeedResult(name, DatasetSeedOutcome.Refused, source, null, null, ex.Message));
            }
        }
        return results;
    }

    /// <summary>Stores the built-in datasets this node's data directory holds and the store lacks (<see cref="SeedAsync"/>); a node does this at start.</summary>
    public Task<IReadOnlyList<DatasetSeedResult>> SeedFromDataDirectoryAsync(CancellationToken cancellationToken = default) =>
        SeedAsync(Path.Combine(_paths.DataDirectory, "datasets"), cancellationToken);

    /// <summary>Pieces and training samples per split of a dataset under <paramref name="windowing"/>.</summary>
    public DatasetInfo Info(string ownerId, string name, WindowOptions windowing) => DatasetInfo.Compute(Resolver(ownerId).Open(name), windowing);

    /// <summary>What training and evaluation use to open the owner's datasets by name.</summary>
    public IDatasetResolver Resolver(string ownerId) => new StoreDatasetResolver(this, ownerId);

    /// <summary>
    /// Imports the MIDI files of a zip archive as the owner's dataset <paramref name="name"/> with
    /// <paramref name="tags"/>. Entries that are not MIDI or cannot be read (even leniently) are
    /// left out and reported; the dataset appears whole or not at all.
    /// </summary>
    /// <exception cref="CantusException">InvalidOptions (name, tags); Conflict: the name is taken; LimitExceeded; BadInput: not a zip, or no usable MIDI file.</exception>
    public async Task<ImportResult> ImportAsync(string ownerId, string name, Stream archive, IReadOnlyList<string>? tags = null, string? description = null,
        ImportLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        limits ??= ImportLimits.Default;
        tags ??= [];
        if (!DatasetCatalog.IsValidName(name))
            throw CantusException.Invalid($"A dataset name is 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit; '{name}' is not.", "name");
        if (tags.Count > 32 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 64)) throw CantusException.Invalid("A dataset has at most 32 tags of 1..64 characters.", "tags");
        if (BuiltInDatasets.Is(name) || await ExistsAsync(ownerId, name, cancellationToken).ConfigureAwait(false))
            throw CantusException.Conflict($"A dataset named '{name}' already exists; choose another name.");
        var bytes = ZipImport.ReadBounded(archive, limits.MaxArchiveBytes);
        var staging = Path.Combine(Path.GetTempPath(), $"cantus-import-{Guid.NewGuid():N}");
        try
        {
            var (files, skipped, repairs) = ZipImport.Extract(bytes, staging, limits);
            if (files == 0) throw CantusException.BadInput($"The archive holds no readable MIDI file{(skipped.Count > 0 ? $" ({skipped.Count} entries left out: {string.Join("; ", skipped.Take(3))})" : "")}.");
            using var normalized = new MemoryStream();
            ZipFile.CreateFromDirectory(staging, normalized, CompressionLevel.Optimal, includeBaseDirectory: false);
            normalized.Position = 0;
            var blob = await Store.Blobs.PutAsync(normalized, cancellationToken: cancellationToken).ConfigureAwait(false);
            DatasetRecord row;
            try
            {
                row = await Store.Datasets.CreateAsync(new DatasetRecord
                {
                    OwnerId = ownerId,
                    Name = name,
                    Kind = DatasetKinds.MidiZip,
                    State = DatasetStates.Available,
                    Tags = JsonSerializer.Serialize(tags.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList(), Json),
                    Description = description?.Trim() ?? "",
                    Pieces = files,
                    ArchiveSha256 = blob.Sha256,
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (StoreConflictException)
            {
                throw CantusException.Conflict($"A dataset named '{name}' already exists; choose another name.");
            }
            return new ImportResult(Summary(row), skipped, repairs);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Deletes the owner's imported dataset; refused while a queued or running job uses it.</summary>
    /// <exception cref="CantusException">NotFound; Conflict: built in, or in use (the reason says by what).</exception>
    public async Task DeleteAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        if (BuiltInDatasets.Is(name) || _catalog.Exists(name))
            throw CantusException.Conflict($"'{name}' is a built-in dataset or a folder of the data directory and is not deleted through the service.");
        var row = await Store.Datasets.FindByNameAsync(ownerId, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row is not { OwnerId: not null }) throw CantusException.NotFound($"There is no dataset named '{name}'.");
        try
        {
            await Store.Datasets.DeleteAsync(ownerId, row.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException ex)
        {
            throw CantusException.Conflict($"{ex.Message} Cancel those first.");
        }
    }

    /// <summary>
    /// Opens a dataset for <paramref name="ownerId"/>: a built-in one from the store (unpacked once
    /// into this node's cache), else from the data directory; a folder dataset from the data
    /// directory; an imported one from its archive (unpacked once into the cache).
    /// </summary>
    internal Dataset Open(string ownerId, string name, IReadOnlyList<string>? tags)
    {
        if (BuiltInDatasets.Is(name))
        {
            if (StoredBuiltInAsync(name).GetAwaiter().GetResult() is { ArchiveSha256: { } stored })
                return BuiltInDatasets.Open(name, Unpacked(stored, name), tags);
            if (_catalog.Exists(name)) return _catalog.Open(name, tags);
            throw new FileNotFoundException($"The dataset {name} is neither in the store nor in this node's data directory: download it first (from its canonical address, checked by SHA-256).");
        }
        if (_catalog.Exists(name)) return _catalog.Open(name, tags);
        var row = Store.Datasets.FindByNameAsync(ownerId, name).GetAwaiter().GetResult();
        if (row is not { OwnerId: not null, ArchiveSha256: { } sha })
            throw new FileNotFoundException($"There is no dataset named '{name}': import it first.");
        var own = JsonSerializer.Deserialize<List<string>>(row.Tags, Json) ?? [];
        var missing = (tags ?? []).Where(t => !own.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"The dataset '{name}' does not carry the tag(s) {string.Join(", ", missing)} (its tags: {(own.Count == 0 ? "none" : string.Join(", ", own))}).");
        var folder = Unpacked(sha);
        var dataset = MidiFolderDataset.Load(folder, own, SplitRule.ByNameHash(), Music.Midi.MidiReadingSettings.Lenient);
        return Dataset.Create(name, own, DatasetSplits.All.SelectMany(s => dataset.Pieces(s)), SplitRule.ByNameHash());
    }

    /// <summary>The store's row of built-in dataset <paramref name="name"/> when it holds the dataset's files, else null.</summary>
    private async Task<DatasetRecord?> StoredBuiltInAsync(string name, CancellationToken cancellationToken = default) =>
        await Store.Datasets.FindBuiltInAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false) is { ArchiveSha256: not null, State: DatasetStates.Available } row
            ? row
            : null;

    /// <summary>Checks the files of built-in dataset <paramref name="name"/> in <paramref name="folder"/> and stores them: their zip as a blob, then the row.</summary>
    /// <exception cref="CantusException">BadInput: the files are not the published ones; nothing is stored.</exception>
    private async Task<DatasetRecord> StoreBuiltInAsync(string name, string folder, CancellationToken cancellationToken)
    {
        var (files, pieces) = BuiltInDatasets.ReadVerified(name, folder);
        using var archive = new MemoryStream(ZipImport.Create(files));
        var blob = await Store.Blobs.PutAsync(archive, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Store.Datasets.UpsertBuiltInAsync(BuiltInDatasets.Record(name, blob.Sha256, pieces), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string Normalized(string? name) => (name ?? "").Trim().ToLowerInvariant();

    /// <summary>
    /// The folder <c>cache/datasets/&lt;sha&gt;</c> of this node's data directory holding the files of
    /// archive blob <paramref name="sha"/>, unpacked on first use (a built-in dataset's files,
    /// <paramref name="builtIn"/>, are checked against their published SHA-256s first); see <see cref="DatasetCache"/>.
    /// </summary>
    private string Unpacked(string sha, string? builtIn = null) => _cache.GetOrUnpack(sha, staging =>
    {
        using var blob = Store.Blobs.OpenRequiredAsync(sha, builtIn is null ? "the archive of a dataset" : $"the archive of the built-in dataset {builtIn}").GetAwaiter().GetResult();
        var bytes = ZipImport.ReadBounded(blob, ImportLimits.Default.MaxArchiveBytes * 16);
        ZipImport.Extract(bytes, staging, ImportLimits.Default with { MaxArchiveBytes = long.MaxValue },
            builtIn is null ? null : BuiltInDatasets.OtherFiles(builtIn));
        if (builtIn is not null) BuiltInDatasets.VerifyUnpacked(builtIn, staging);
    });

    private static DatasetSummary Summary(DatasetRecord row) =>
        new(row.Name, "midi-zip", row.State == DatasetStates.Available, JsonSerializer.Deserialize<List<string>>(row.Tags, Json) ?? [], row.Pieces,
            string.IsNullOrWhiteSpace(row.Description) ? "Imported MIDI files." : row.Description);
}
