using System.Collections.Concurrent;
using System.Text.Json;
using Cantus.Gan.Models;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Blobs;
using Cantus.Service.Storage.Library;
using Cantus.Tensors.Serialization;

namespace Cantus.Service.Models;

/// <summary>
/// The models use case: list, get, load, clone, update, delete, upload, and keep a trained model.
/// Sample models ship with Cantus as model directories (read-only; recorded in the store so that
/// compositions can refer to them). Custom models live in the store: a row with model.json and a
/// weights blob, so every node of a cluster sees them. Names are plain identifiers, unique per
/// user and never a sample's. Loaded models are cached by weights and configuration.
/// </summary>
public sealed class ModelLibrary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ServicePaths _paths;
    private readonly Lazy<CantusStore> _store;
    private readonly ConcurrentDictionary<string, LoadedModel> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the library over <paramref name="paths"/>; <paramref name="store"/> is opened on first use (sample models and local directories need none).</summary>
    public ModelLibrary(ServicePaths paths, Func<CantusStore> store)
    {
        _paths = paths ?? throw new ArgumentNullException(nameof(paths));
        ArgumentNullException.ThrowIfNull(store);
        _store = new Lazy<CantusStore>(store, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Models loaded and kept in memory at most (least recently added dropped first).</summary>
    public int CacheSize { get; init; } = 8;

    private CantusStore Store => _store.Value;

    /// <summary>The sample models, then the owner's models, each by name.</summary>
    public async Task<IReadOnlyList<ModelSummary>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var result = Samples().Select(s => TrySummarize(s.Name, s.Directory)).OfType<ModelSummary>().ToList();
        var rows = await Store.Models.ListAsync(ownerId, new Page(0, Page.MaxLimit), cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var row in rows.Where(r => !r.IsSample)) result.Add(await SummarizeAsync(ownerId, row, cancellationToken).ConfigureAwait(false));
        return result;
    }

    /// <summary>The model called <paramref name="name"/> (a sample, or the owner's).</summary>
    /// <exception cref="CantusException">NotFound.</exception>
    public async Task<ModelSummary> GetAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        if (SampleDirectory(name) is { } dir) return Summarize(name, dir, await SampleIdAsync(name, cancellationToken).ConfigureAwait(false));
        return await SummarizeAsync(ownerId, await RowAsync(ownerId, name, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the model <paramref name="reference"/> names (null: the default sample model), from the cache when it is there.</summary>
    /// <exception cref="CantusException">NotFound.</exception>
    /// <exception cref="ModelFormatException">Its files are corrupt or do not fit its architecture.</exception>
    public async Task<LoadedModel> LoadAsync(string ownerId, ModelRef? reference = null, CancellationToken cancellationToken = default)
    {
        reference ??= ModelRef.Default;
        if (reference.Directory is { } directory)
        {
            if (!Directory.Exists(directory)) throw CantusException.NotFound($"The model directory '{directory}' does not exist.");
            var full = Path.GetFullPath(directory);
            return Cached("dir:" + full + Stamp(full), () => new LoadedModel(Path.GetFileName(Path.TrimEndingDirectorySeparator(full)), null, full, ModelStore.Load(full), IsReadOnly: false));
        }
        var name = reference.Name!;
        if (SampleDirectory(name) is { } sample)
            return Cached("dir:" + sample + Stamp(sample), () => new LoadedModel(name, null, sample, ModelStore.Load(sample), IsReadOnly: true));
        var row = await RowAsync(ownerId, name, cancellationToken).ConfigureAwait(false);
        if (_cache.TryGetValue("row:" + row.Id + row.WeightsSha256 + row.UpdatedAt.UtcTicks, out var hit)) return hit;
        var weights = await OpenBlobAsync(row.WeightsSha256, name, cancellationToken).ConfigureAwait(false);
        await using (weights.ConfigureAwait(false))
        {
            using var config = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(row.Config));
            var model = ModelStore.Load(weights, config, $"model '{name}'");
            return Cached("row:" + row.Id + row.WeightsSha256 + row.UpdatedAt.UtcTicks, () => new LoadedModel(name, row.Id, null, model, IsReadOnly: false));
        }
    }

    /// <summary>Copies model <paramref name="source"/> (sample or the owner's) into a new model <paramref name="name"/> of the owner whose parent it is.</summary>
    /// <exception cref="CantusException">InvalidOptions: a bad name; NotFound: no such source; Conflict: the name is taken.</exception>
    public async Task<ModelSummary> CloneAsync(string ownerId, string source, string name, ModelUpdate? changes = null, CancellationToken cancellationToken = default)
    {
        CheckName(name, "name");
        changes?.Validate();
        await EnsureFreeAsync(ownerId, name, cancellationToken).ConfigureAwait(false);
        string weights, parentId;
        ModelConfig config;
        if (SampleDirectory(source) is { } dir)
        {
            await using (var file = File.OpenRead(Path.Combine(dir, ModelStore.WeightsFileName)))
                weights = (await Store.Blobs.PutAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false)).Sha256;
            config = ModelStore.ReadConfig(Path.Combine(dir, ModelStore.ConfigFileName));
            parentId = await SampleIdAsync(source, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var row = await RowAsync(ownerId, source, cancellationToken).ConfigureAwait(false);
            weights = row.WeightsSha256 ?? throw CantusException.NotFound($"The model '{source}' has no weights.");
            config = ReadConfig(row);
            parentId = row.Id;
        }
        return await CreateRowAsync(ownerId, name, Apply(config with { Parent = source }, changes), weights, parentId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores <paramref name="model"/> as the owner's model <paramref name="name"/> (a trained model, an upload).</summary>
    public async Task<ModelSummary> SaveAsync(string ownerId, string name, GanModel model, string? parentId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckName(name, "name");
        await EnsureFreeAsync(ownerId, name, cancellationToken).ConfigureAwait(false);
        using var weights = new MemoryStream();
        ModelStore.WriteWeights(model, weights);
        weights.Position = 0;
        var sha = (await Store.Blobs.PutAsync(weights, cancellationToken: cancellationToken).ConfigureAwait(false)).Sha256;
        return await CreateRowAsync(ownerId, name, model.Config, sha, parentId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores an uploaded model: safetensors weights (the generator alone with the PyTorch
    /// state-dict names, or both networks as Cantus writes them) and an optional model.json.
    /// </summary>
    /// <exception cref="ModelFormatException">The files are not a model or do not fit together.</exception>
    public async Task<ModelSummary> UploadAsync(string ownerId, string name, Stream weights, Stream? config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(weights);
        GanModel model;
        try
        {
            model = ModelStore.Load(weights, config, $"the uploaded model '{name}'");
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or IndexOutOfRangeException or InvalidOperationException
                                       or KeyNotFoundException or InvalidCastException or NotSupportedException)
        {
            // Damage the readers do not describe themselves (found by fuzzing): still the upload's fault, never the server's.
            throw CantusException.BadInput($"The uploaded model '{name}' could not be read: its weights or configuration are damaged or do not fit together ({ex.Message}).", ex);
        }
        return await SaveAsync(ownerId, name, model, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renames the owner's model or changes its description, genre or tags.</summary>
    /// <exception cref="CantusException">NotFound; Conflict: a sample model, or the new name is taken; InvalidOptions.</exception>
    public async Task<ModelSummary> UpdateAsync(string ownerId, string name, ModelUpdate changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        changes.Validate();
        var row = await CustomRowAsync(ownerId, name, "changed", cancellationToken).ConfigureAwait(false);
        if (changes.Name is { } newName && newName != name) await EnsureFreeAsync(ownerId, newName, cancellationToken).ConfigureAwait(false);
        var config = Apply(ReadConfig(row), changes);
        await Store.Models.UpdateAsync(ownerId, Row(row, config) with { Name = changes.Name ?? row.Name }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await GetAsync(ownerId, changes.Name ?? name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the configuration of a loaded model (its evaluation figures or calibrated clean-up): in its folder for a local directory, in the store otherwise.</summary>
    /// <exception cref="CantusException">Conflict: a sample model.</exception>
    public async Task RecordAsync(string ownerId, LoadedModel model, ModelConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        if (model.IsReadOnly)
            throw CantusException.Conflict($"'{model.Name}' is a sample model and is not changed; clone it to record figures of your own.");
        if (model.Id is null)
        {
            ModelStore.SaveConfig(model.Directory!, config);
            return;
        }
        var row = await CustomRowAsync(ownerId, model.Name, "changed", cancellationToken).ConfigureAwait(false);
        await Store.Models.UpdateAsync(ownerId, Row(row, config), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the owner's model; refused while compositions or queued or running training jobs use it.</summary>
    /// <exception cref="CantusException">NotFound; Conflict: a sample model, or the model is in use (the reason says by what).</exception>
    public async Task DeleteAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        var row = await CustomRowAsync(ownerId, name, "deleted", cancellationToken).ConfigureAwait(false);
        try
        {
            await Store.Models.DeleteAsync(ownerId, row.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException ex)
        {
            throw CantusException.Conflict($"{ex.Message} Delete those first.");
        }
    }

    /// <summary>The store's row of a model the owner can see (sample models are recorded on first use).</summary>
    /// <exception cref="CantusException">NotFound.</exception>
    public async Task<ModelRecord> RecordOfAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        if (SampleDirectory(name) is not null)
        {
            var id = await SampleIdAsync(name, cancellationToken).ConfigureAwait(false);
            return (await Store.Models.GetAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false))!;
        }
        return await RowAsync(ownerId, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the weights (safetensors) of a model for download.</summary>
    public async Task<Stream> OpenWeightsAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        if (SampleDirectory(name) is { } dir) return File.OpenRead(Path.Combine(dir, ModelStore.WeightsFileName));
        var row = await RowAsync(ownerId, name, cancellationToken).ConfigureAwait(false);
        return await OpenBlobAsync(row.WeightsSha256, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The model.json of a model, for download.</summary>
    public async Task<string> ConfigJsonAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        if (SampleDirectory(name) is { } dir) return ModelStore.ConfigJson(ModelStore.ReadConfig(Path.Combine(dir, ModelStore.ConfigFileName)));
        return ModelStore.ConfigJson(ReadConfig(await RowAsync(ownerId, name, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>Refuses a name that is not 1–64 lower-case letters, digits, '.', '_' or '-'.</summary>
    internal static void CheckName(string? name, string field = "name")
    {
        if (!DatasetCatalog.IsValidName(name))
            throw CantusException.Invalid($"A model name is 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit; '{name}' is not.", field);
    }

    private LoadedModel Cached(string key, Func<LoadedModel> load)
    {
        if (_cache.TryGetValue(key, out var hit)) return hit;
        var loaded = load();
        if (_cache.Count >= CacheSize) foreach (var old in _cache.Keys.Take(_cache.Count - CacheSize + 1)) _cache.TryRemove(old, out _);
        return _cache.GetOrAdd(key, loaded);
    }

    private static string Stamp(string dir)
    {
        var weights = new FileInfo(Path.Combine(dir, ModelStore.WeightsFileName));
        var config = new FileInfo(Path.Combine(dir, ModelStore.ConfigFileName));
        return $"@{(weights.Exists ? weights.LastWriteTimeUtc.Ticks : 0)}:{(config.Exists ? config.LastWriteTimeUtc.Ticks : 0)}";
    }

    private Task<Stream> OpenBlobAsync(string? sha, string name, CancellationToken cancellationToken) =>
        Store.Blobs.OpenRequiredAsync(sha, $"the weights of model '{name}'", cancellationToken);

    private async Task EnsureFreeAsync(string ownerId, string name, CancellationToken cancellationToken)
    {
        if (SampleDirectory(name) is not null || await Store.Models.FindByNameAsync(ownerId, name, cancellationToken: cancellationToken).ConfigureAwait(false) is not null)
            throw CantusException.Conflict($"A model named '{name}' already exists; choose another name.");
    }

    private async Task<ModelSummary> CreateRowAsync(string ownerId, string name, ModelConfig config, string weightsSha, string? parentId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await Store.Models.CreateAsync(Row(new ModelRecord { OwnerId = ownerId, Name = name, ParentId = parentId, WeightsSha256 = weightsSha }, config),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return await SummarizeAsync(ownerId, row, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException)
        {
            throw CantusException.Conflict($"A model named '{name}' already exists; choose another name.");
        }
    }

    private static ModelRecord Row(ModelRecord row, ModelConfig config) => row with
    {
        Description = config.Description ?? "",
        Genre = config.Genre,
        Tags = JsonSerializer.Serialize(config.Tags ?? [], Json),
        Architecture = JsonSerializer.Serialize(config.Architecture, Json),
        Config = ModelStore.ConfigJson(config),
        Evaluation = config.Evaluation is null ? null : JsonSerializer.Serialize(config.Evaluation, Json),
    };

    private static ModelConfig ReadConfig(ModelRecord row)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(row.Config));
        return ModelStore.ReadConfig(stream, $"model '{row.Name}'");
    }

    private static ModelConfig Apply(ModelConfig config, ModelUpdate? changes) => changes is null ? config : config with
    {
        Description = changes.Description is null ? config.Description : NullIfEmpty(changes.Description),
        Genre = changes.Genre is null ? config.Genre : NullIfEmpty(changes.Genre),
        Tags = changes.Tags?.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? config.Tags,
    };

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private IEnumerable<(string Name, string Directory)> Samples()
    {
        if (_paths.SampleModelsDirectory is not { } folder || !Directory.Exists(folder)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (DatasetCatalog.IsValidName(name) && File.Exists(Path.Combine(dir, ModelStore.WeightsFileName))) yield return (name, dir);
        }
    }

    private string? SampleDirectory(string name)
    {
        if (!DatasetCatalog.IsValidName(name) || _paths.SampleModelsDirectory is not { } folder) return null;
        var dir = Path.Combine(folder, name);
        return File.Exists(Path.Combine(dir, ModelStore.WeightsFileName)) ? dir : null;
    }

    /// <summary>Records (or refreshes) the sample model's row and returns its id.</summary>
    private async Task<string> SampleIdAsync(string name, CancellationToken cancellationToken)
    {
        var dir = SampleDirectory(name)!;
        var config = ModelStore.ReadConfig(Path.Combine(dir, ModelStore.ConfigFileName));
        var row = await Store.Models.UpsertSampleAsync(Row(new ModelRecord { Name = name, SourcePath = dir, IsSample = true }, config),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.Id;
    }

    private async Task<ModelRecord> RowAsync(string ownerId, string name, CancellationToken cancellationToken)
    {
        if (DatasetCatalog.IsValidName(name)
            && await Store.Models.FindByNameAsync(ownerId, name, cancellationToken: cancellationToken).ConfigureAwait(false) is { IsSample: false } row)
            return row;
        throw CantusException.NotFound($"There is no model named '{name}'.");
    }

    private async Task<ModelRecord> CustomRowAsync(string ownerId, string name, string verb, CancellationToken cancellationToken)
    {
        if (SampleDirectory(name) is not null)
            throw CantusException.Conflict($"'{name}' is a sample model and cannot be {verb}; clone it to make a model of your own.");
        return await RowAsync(ownerId, name, cancellationToken).ConfigureAwait(false);
    }

    private ModelSummary? TrySummarize(string name, string dir)
    {
        try
        {
            return Summarize(name, dir, null);
        }
        catch (ModelFormatException)
        {
            return null; // an unreadable sample is not listed; loading it names the problem
        }
    }

    private static ModelSummary Summarize(string name, string dir, string? id)
    {
        var config = ModelStore.ReadConfig(Path.Combine(dir, ModelStore.ConfigFileName));
        using var weights = File.OpenRead(Path.Combine(dir, ModelStore.WeightsFileName));
        return Summary(id, name, true, config, SafeTensors.ReadHeaderNames(weights));
    }

    private async Task<ModelSummary> SummarizeAsync(string ownerId, ModelRecord row, CancellationToken cancellationToken)
    {
        var config = ReadConfig(row);
        IReadOnlyList<string> names = [];
        if (row.WeightsSha256 is { } sha && await Store.Blobs.OpenReadAsync(sha, cancellationToken).ConfigureAwait(false) is { } weights)
            await using (weights.ConfigureAwait(false)) names = SafeTensors.ReadHeaderNames(weights);
        var parent = row.ParentId is null ? null : (await Store.Models.GetAsync(ownerId, row.ParentId, cancellationToken: cancellationToken).ConfigureAwait(false))?.Name;
        return Summary(row.Id, row.Name, row.IsSample, config with { Parent = parent ?? config.Parent }, names);
    }

    private static ModelSummary Summary(string? id, string name, bool sample, ModelConfig config, IReadOnlyList<string> weightNames) =>
        new(id, name, sample, config.Description, config.Genre, config.Tags ?? [], config.Parent, config.Architecture, config.VoiceNames,
            config.Iterations, config.Cleanup, config.Evaluation, weightNames.Any(n => n.StartsWith("critic.", StringComparison.Ordinal)));
}
