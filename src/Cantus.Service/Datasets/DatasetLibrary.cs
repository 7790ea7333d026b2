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
/// The datasets use case. Built in: the JSB chorales, downloaded from their canonical address
/// into the data directory (SHA-256 checked), and any folder of MIDI files an operator puts under
/// the data directory's <c>datasets/</c> (shared by all users). Imported: a user's zip of MIDI
/// files, checked and kept in the store as a blob with its row (tags, pieces), private to that
/// user and available to every node of a cluster. Datasets are named, never addressed by a path
/// from a request.
/// </summary>
public sealed class DatasetLibrary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ServicePaths _paths;
    private readonly DatasetCatalog _catalog;
    private readonly Lazy<CantusStore> _store;

    /// <summary>Creates the library over <paramref name="paths"/>; <paramref name="store"/> is opened on first use.</summary>
    public DatasetLibrary(ServicePaths paths, Func<CantusStore> store)
    {
        _paths = paths ?? throw new ArgumentNullException(nameof(paths));
        ArgumentNullException.ThrowIfNull(store);
        _catalog = paths.Datasets;
        _store = new Lazy<CantusStore>(store, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private CantusStore Store => _store.Value;

    /// <summary>The built-in datasets (available or not), the data directory's folders, and the owner's imported datasets.</summary>
    public async Task<IReadOnlyList<DatasetSummary>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var result = new List<DatasetSummary>
        {
            new(JsbChoralesLoader.DatasetName, "jsb-chorales", _catalog.Exists(JsbChoralesLoader.DatasetName), ["chorale", "bach"], null,
                "J. S. Bach's four-part chorales with the standard train/valid/test split (Boulanger-Lewandowski et al., 2012)."),
        };
        result.Add(new DatasetSummary(LabSnippetsDownloader.DatasetName, "lab-snippets", _catalog.Exists(LabSnippetsDownloader.DatasetName), ["chorale", "lab"],
            LabSnippetsDownloader.Manifest.Count, "The AWS DeepComposer GAN lab's 229 two-bar, four-voice training snippets."));
        foreach (var name in _catalog.Names().Where(n => n is not (JsbChoralesLoader.DatasetName or LabSnippetsDownloader.DatasetName)))
            result.Add(new DatasetSummary(name, "midi-folder", true, [], MidiFileSet.Expand([_catalog.DirectoryOf(name)]).Count, "A folder of MIDI files in the data directory."));
        var rows = await Store.Datasets.ListAsync(ownerId, new Page(0, Page.MaxLimit), cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var row in rows.Where(r => r.OwnerId is not null))
            result.Add(Summary(row));
        return result;
    }

    /// <summary>True when the owner can train on dataset <paramref name="name"/> now.</summary>
    public async Task<bool> ExistsAsync(string ownerId, string name, CancellationToken cancellationToken = default) =>
        _catalog.Exists(name) || await Store.Datasets.FindByNameAsync(ownerId, name, cancellationToken: cancellationToken).ConfigureAwait(false) is { OwnerId: not null };

    /// <summary>The store's row of a dataset the owner can use (the built-in and folder datasets are recorded on first use).</summary>
    /// <exception cref="CantusException">NotFound.</exception>
    public async Task<DatasetRecord> RecordOfAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        if (_catalog.Exists(name))
            return await Store.Datasets.UpsertBuiltInAsync(new DatasetRecord
            {
                Name = name,
                Kind = name == JsbChoralesLoader.DatasetName ? DatasetKinds.JsbChorales : DatasetKinds.MidiZip,
                State = DatasetStates.Available,
                Tags = name == JsbChoralesLoader.DatasetName ? """["chorale","bach"]""" : "[]",
                Description = name == JsbChoralesLoader.DatasetName ? "J. S. Bach's four-part chorales" : "A folder of MIDI files in the data directory",
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Store.Datasets.FindByNameAsync(ownerId, name, cancellationToken: cancellationToken).ConfigureAwait(false) is { OwnerId: not null } row
            ? row
            : throw CantusException.NotFound($"There is no dataset named '{name}'.");
    }

    /// <summary>Downloads a built-in dataset from its canonical address into the data directory, checking its SHA-256.</summary>
    /// <exception cref="CantusException">NotFound: no built-in dataset of that name; Unavailable: the address cannot be reached.</exception>
    public async Task<DatasetDownloadResult> DownloadAsync(string name, bool force, HttpClient http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var normalized = (name ?? "").Trim().ToLowerInvariant();
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
        if (await ExistsAsync(ownerId, name, cancellationToken).ConfigureAwait(false) || name == JsbChoralesLoader.DatasetName)
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
        if (_catalog.Exists(name) || name == JsbChoralesLoader.DatasetName)
            throw CantusException.Conflict($"'{name}' is a built-in dataset of the data directory and is not deleted through the service.");
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

    /// <summary>Opens a dataset for <paramref name="ownerId"/>: built-in and folder datasets from the data directory, imported ones from their archive (unpacked once into the data directory's cache).</summary>
    internal Dataset Open(string ownerId, string name, IReadOnlyList<string>? tags)
    {
        if (_catalog.Exists(name) || name == JsbChoralesLoader.DatasetName) return _catalog.Open(name, tags);
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

    private string Unpacked(string sha)
    {
        var cache = Path.Combine(_paths.DataDirectory, "cache", "datasets");
        var folder = Path.Combine(cache, sha);
        if (Directory.Exists(folder)) return folder;
        using var blob = Store.Blobs.OpenRequiredAsync(sha, "the archive of a dataset").GetAwaiter().GetResult();
        var bytes = ZipImport.ReadBounded(blob, ImportLimits.Default.MaxArchiveBytes * 16);
        var staging = folder + AtomicFile.TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            ZipImport.Extract(bytes, staging, ImportLimits.Default with { MaxArchiveBytes = long.MaxValue });
            Directory.CreateDirectory(cache);
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // another process unpacked the same archive first
            }
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return folder;
    }

    private static DatasetSummary Summary(DatasetRecord row) =>
        new(row.Name, "midi-zip", row.State == DatasetStates.Available, JsonSerializer.Deserialize<List<string>>(row.Tags, Json) ?? [], row.Pieces,
            string.IsNullOrWhiteSpace(row.Description) ? "Imported MIDI files." : row.Description);
}
