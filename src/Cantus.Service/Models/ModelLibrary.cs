using Cantus.Gan.Models;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;

namespace Cantus.Service.Models;

/// <summary>
/// The models use case: list, get, load, clone, update and delete. Sample models (shipped with
/// Cantus) are read-only; custom models live in the data directory, one model directory each
/// (model.safetensors + model.json), named by a plain identifier. A clone of a sample model is the
/// usual start of a custom one.
/// </summary>
public sealed class ModelLibrary
{
    private readonly ServicePaths _paths;

    /// <summary>Creates the library over <paramref name="paths"/>.</summary>
    public ModelLibrary(ServicePaths paths) => _paths = paths ?? throw new ArgumentNullException(nameof(paths));

    /// <summary>Every readable model: samples first, then custom ones, each sorted by name.</summary>
    public IReadOnlyList<ModelSummary> List()
    {
        var result = new List<ModelSummary>();
        foreach (var (folder, sample) in Folders())
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var dir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                if (!DatasetCatalog.IsValidName(name) || !File.Exists(Path.Combine(dir, ModelStore.WeightsFileName))) continue;
                if (!sample && IsSampleName(name)) continue; // a sample's name wins
                try
                {
                    result.Add(Summarize(name, dir, sample));
                }
                catch (ModelFormatException)
                {
                    // an unreadable model.json: not listed; Get names the problem
                }
            }
        }
        return result;
    }

    /// <summary>The model called <paramref name="name"/>.</summary>
    /// <exception cref="CantusException">NotFound: no such model; BadInput: its model.json is unreadable.</exception>
    public ModelSummary Get(string name)
    {
        var (dir, sample) = Find(name);
        return Summarize(name, dir, sample);
    }

    /// <summary>Loads the model <paramref name="reference"/> names (the default model when null).</summary>
    /// <exception cref="CantusException">NotFound: no such model.</exception>
    /// <exception cref="ModelFormatException">Its files are corrupt or do not fit its architecture.</exception>
    public LoadedModel Load(ModelRef? reference = null)
    {
        reference ??= ModelRef.Default;
        if (reference.Directory is { } directory)
        {
            if (!Directory.Exists(directory)) throw CantusException.NotFound($"The model directory '{directory}' does not exist.");
            var full = Path.GetFullPath(directory);
            return new LoadedModel(Path.GetFileName(Path.TrimEndingDirectorySeparator(full)), full, ModelStore.Load(full), IsReadOnly: false);
        }
        var (dir, sample) = Find(reference.Name!);
        return new LoadedModel(reference.Name!, dir, ModelStore.Load(dir), sample);
    }

    /// <summary>Copies model <paramref name="source"/> (sample or custom) into a new custom model <paramref name="name"/> whose parent is the source.</summary>
    /// <exception cref="CantusException">InvalidOptions: a bad name; NotFound: no such source; Conflict: the name is taken.</exception>
    public ModelSummary Clone(string source, string name, ModelUpdate? changes = null)
    {
        CheckName(name, "name");
        changes?.Validate();
        var (from, _) = Find(source);
        var target = Path.Combine(_paths.CustomModelsDirectory, name);
        if (Exists(name)) throw CantusException.Conflict($"A model named '{name}' already exists; choose another name.");
        var config = ModelStore.ReadConfig(Path.Combine(from, ModelStore.ConfigFileName));
        config = Apply(config with { Parent = source }, changes);
        var staging = Path.Combine(_paths.CustomModelsDirectory, $".{name}{Music.IO.AtomicFile.TempMarker}{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            File.Copy(Path.Combine(from, ModelStore.WeightsFileName), Path.Combine(staging, ModelStore.WeightsFileName));
            ModelStore.SaveConfig(staging, config);
            Directory.Move(staging, target); // the model appears whole or not at all
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return Get(name);
    }

    /// <summary>Renames a custom model or changes its description, genre or tags.</summary>
    /// <exception cref="CantusException">NotFound; Conflict: a sample model, or the new name is taken; InvalidOptions.</exception>
    public ModelSummary Update(string name, ModelUpdate changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        changes.Validate();
        var dir = FindCustom(name, "changed");
        ModelStore.SaveConfig(dir, Apply(ModelStore.ReadConfig(Path.Combine(dir, ModelStore.ConfigFileName)), changes));
        if (changes.Name is { } newName && newName != name)
        {
            if (Exists(newName)) throw CantusException.Conflict($"A model named '{newName}' already exists; choose another name.");
            Directory.Move(dir, Path.Combine(_paths.CustomModelsDirectory, newName));
            return Get(newName);
        }
        return Get(name);
    }

    /// <summary>Deletes a custom model.</summary>
    /// <exception cref="CantusException">NotFound; Conflict: a sample model.</exception>
    public void Delete(string name)
    {
        var dir = FindCustom(name, "deleted");
        // Rename first so that a half-deleted model is never listed or loaded.
        var doomed = Path.Combine(_paths.CustomModelsDirectory, $".{name}{Music.IO.AtomicFile.TempMarker}deleted-{Guid.NewGuid():N}");
        Directory.Move(dir, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    /// <summary>Refuses a name that is not 1–64 lower-case letters, digits, '.', '_' or '-'.</summary>
    internal static void CheckName(string? name, string field = "name")
    {
        if (!DatasetCatalog.IsValidName(name))
            throw CantusException.Invalid($"A model name is 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit; '{name}' is not.", field);
    }

    private static ModelConfig Apply(ModelConfig config, ModelUpdate? changes) => changes is null ? config : config with
    {
        Description = changes.Description is null ? config.Description : NullIfEmpty(changes.Description),
        Genre = changes.Genre is null ? config.Genre : NullIfEmpty(changes.Genre),
        Tags = changes.Tags?.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? config.Tags,
    };

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static ModelSummary Summarize(string name, string dir, bool sample)
    {
        var config = ModelStore.ReadConfig(Path.Combine(dir, ModelStore.ConfigFileName));
        using var weights = File.OpenRead(Path.Combine(dir, ModelStore.WeightsFileName));
        var hasCritic = Tensors.Serialization.SafeTensors.ReadHeaderNames(weights).Any(n => n.StartsWith("critic.", StringComparison.Ordinal));
        return new ModelSummary(name, sample, config.Description, config.Genre, config.Tags ?? [], config.Parent, config.Architecture, config.VoiceNames,
            config.Iterations, config.Cleanup, config.Evaluation, hasCritic);
    }

    private IEnumerable<(string Folder, bool Sample)> Folders()
    {
        if (_paths.SampleModelsDirectory is { } samples) yield return (samples, true);
        yield return (_paths.CustomModelsDirectory, false);
    }

    private bool IsSampleName(string name) =>
        _paths.SampleModelsDirectory is { } s && File.Exists(Path.Combine(s, name, ModelStore.WeightsFileName));

    private bool Exists(string name) =>
        IsSampleName(name) || Directory.Exists(Path.Combine(_paths.CustomModelsDirectory, name));

    private (string Directory, bool Sample) Find(string name)
    {
        if (DatasetCatalog.IsValidName(name))
            foreach (var (folder, sample) in Folders())
            {
                var dir = Path.Combine(folder, name);
                if (File.Exists(Path.Combine(dir, ModelStore.WeightsFileName))) return (dir, sample);
            }
        throw CantusException.NotFound($"There is no model named '{name}'.");
    }

    private string FindCustom(string name, string verb)
    {
        var (dir, sample) = Find(name);
        if (sample) throw CantusException.Conflict($"'{name}' is a sample model and cannot be {verb}; clone it to make a model of your own.");
        return dir;
    }
}
