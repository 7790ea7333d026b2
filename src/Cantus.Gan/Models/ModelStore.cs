using Cantus.Music.IO;
using System.Text.Json;
using Cantus.Gan.Networks;
using Cantus.Tensors;
using Cantus.Tensors.Serialization;

namespace Cantus.Gan.Models;

/// <summary>
/// Loads and saves model directories: <c>model.safetensors</c> (weights with PyTorch state-dict
/// names) and <c>model.json</c> (<see cref="ModelConfig"/>). The weights file holds either the
/// generator alone, with torch_reference.py's names (<c>d1.conv.weight</c>, ...), as
/// <c>torch.save</c>-then-convert of a PyTorch generator gives, or both networks under the
/// prefixes <c>generator.</c> and <c>critic.</c>, as Cantus writes it.
/// </summary>
public static class ModelStore
{
    /// <summary>File name of the weights.</summary>
    public const string WeightsFileName = "model.safetensors";

    /// <summary>File name of the configuration.</summary>
    public const string ConfigFileName = "model.json";

    private const string GeneratorPrefix = "generator.";
    private const string CriticPrefix = "critic.";

    /// <summary>
    /// Loads the model in <paramref name="directory"/>; without <c>model.json</c> the lab's default
    /// architecture (<see cref="ModelConfig.Default"/>) is assumed. The generator is returned in evaluation mode.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">The directory has no <c>model.safetensors</c>.</exception>
    /// <exception cref="ModelFormatException">A file is corrupt or the weights do not fit the architecture.</exception>
    public static GanModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Model directory '{directory}' does not exist.");
        var weightsPath = Path.Combine(directory, WeightsFileName);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"Model directory '{directory}' has no {WeightsFileName}.", weightsPath);
        var config = ReadConfig(Path.Combine(directory, ConfigFileName));
        SafeTensorsContent content;
        try
        {
            content = SafeTensors.ReadFile(weightsPath);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFormatException($"{weightsPath} is not a valid safetensors file: {ex.Message}", ex);
        }
        return FromTensors(config, content.Tensors, weightsPath);
    }

    /// <summary>
    /// Loads a model from its weights (safetensors) and configuration (model.json; null: <see cref="ModelConfig.Default"/>)
    /// streams; <paramref name="source"/> names them in error messages.
    /// </summary>
    /// <exception cref="ModelFormatException">A stream is corrupt or the weights do not fit the architecture.</exception>
    public static GanModel Load(Stream weights, Stream? config, string source)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var parsed = config is null ? ModelConfig.Default : ReadConfig(config, source);
        SafeTensorsContent content;
        try
        {
            content = SafeTensors.Read(weights);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFormatException($"{source}: the weights are not a valid safetensors file: {ex.Message}", ex);
        }
        return FromTensors(parsed, content.Tensors, source);
    }

    /// <summary>Writes <paramref name="model"/>'s weights (both networks, prefixed) as safetensors to <paramref name="stream"/>.</summary>
    public static void WriteWeights(GanModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (k, v) in model.Generator.StateDict()) tensors[GeneratorPrefix + k] = v;
        if (model.Critic is not null)
            foreach (var (k, v) in model.Critic.StateDict()) tensors[CriticPrefix + k] = v;
        SafeTensors.Write(stream, tensors, new Dictionary<string, string> { ["format"] = ModelConfig.FormatName });
    }

    /// <summary>Writes <paramref name="config"/> as model.json to <paramref name="stream"/>.</summary>
    public static void WriteConfig(ModelConfig config, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, config, GanJson.Options);
    }

    /// <summary>The model.json text of <paramref name="config"/>.</summary>
    public static string ConfigJson(ModelConfig config) => JsonSerializer.Serialize(config, GanJson.Options);

    /// <summary>Builds a model from named weights (see the class remarks for the two accepted layouts).</summary>
    /// <exception cref="ModelFormatException">The weights do not fit <paramref name="config"/>'s architecture.</exception>
    public static GanModel FromTensors(ModelConfig config, IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tensors);
        try
        {
            config.Architecture.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException($"{source}: {ConfigFileName} describes an invalid architecture: {ex.Message}", ex);
        }
        try
        {
            config.Cleanup?.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException($"{source}: {ConfigFileName} has invalid clean-up settings: {ex.Message}", ex);
        }
        var random = new SeededRandom(0);
        var prefixed = tensors.Keys.Any(k => k.StartsWith(GeneratorPrefix, StringComparison.Ordinal));
        var generator = new Generator(config.Architecture, random);
        Load(generator, prefixed ? Select(tensors, GeneratorPrefix) : tensors, source, "generator");
        Critic? critic = null;
        if (prefixed && tensors.Keys.Any(k => k.StartsWith(CriticPrefix, StringComparison.Ordinal)))
        {
            critic = new Critic(config.Architecture, random);
            Load(critic, Select(tensors, CriticPrefix), source, "critic");
            critic.Eval();
        }
        generator.Eval();
        return new GanModel(config, generator, critic);
    }

    /// <summary>
    /// Saves <paramref name="model"/> into <paramref name="directory"/> (created if needed), each file
    /// written to a temporary name, flushed to disk and renamed, so a crash never leaves a half-written model.
    /// </summary>
    public static void Save(string directory, GanModel model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, WeightsFileName), s => WriteWeights(model, s));
        AtomicFile.Write(Path.Combine(directory, ConfigFileName), s => WriteConfig(model.Config, s));
    }

    /// <summary>Rewrites only <c>model.json</c> of <paramref name="directory"/> (atomically), e.g. to record an evaluation.</summary>
    public static void SaveConfig(string directory, ModelConfig config)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(config);
        AtomicFile.Write(Path.Combine(directory, ConfigFileName), s => WriteConfig(config, s));
    }

    /// <summary>Environment variable naming a folder of models (its <c>bach-chorales</c> is the default model).</summary>
    public const string ModelsEnvironmentVariable = "CANTUS_MODELS";

    /// <summary>Name of the shipped default model.</summary>
    public const string DefaultModelName = "bach-chorales";

    /// <summary>
    /// The default model directory: <c>$CANTUS_MODELS/bach-chorales</c>, else <c>models/bach-chorales</c>
    /// in the current directory or in a folder above the executable (a checkout of the repository).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">None exists.</exception>
    public static string DefaultModelDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(ModelsEnvironmentVariable) is { Length: > 0 } env) candidates.Add(Path.Combine(env, DefaultModelName));
        candidates.Add(Path.Combine(Environment.CurrentDirectory, "models", DefaultModelName));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            candidates.Add(Path.Combine(dir.FullName, "models", DefaultModelName));
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, WeightsFileName)))
            ?? throw new DirectoryNotFoundException($"No default model found (looked for models/{DefaultModelName} in ${ModelsEnvironmentVariable}, the current directory and above the executable); name a model directory.");
    }

    /// <summary>Reads <c>model.json</c>, or returns <see cref="ModelConfig.Default"/> when the file does not exist.</summary>
    /// <exception cref="ModelFormatException">The file is not a valid model configuration.</exception>
    public static ModelConfig ReadConfig(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) return ModelConfig.Default;
        using var stream = File.OpenRead(path);
        return ReadConfig(stream, path);
    }

    /// <summary>Reads a model.json from <paramref name="stream"/>; <paramref name="path"/> names it in messages.</summary>
    /// <exception cref="ModelFormatException">The content is not a valid model configuration.</exception>
    public static ModelConfig ReadConfig(Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ModelConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ModelConfig>(stream, GanJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{path} is not valid JSON for a model configuration: {ex.Message}", ex);
        }
        if (config is null || config.Format != ModelConfig.FormatName || config.Architecture is null)
            throw new ModelFormatException($"{path} is not a Cantus model configuration (expected \"format\": \"{ModelConfig.FormatName}\" and an architecture).");
        if (config.Version != 1) throw new ModelFormatException($"{path} has format version {config.Version}; this Cantus reads version 1.");
        if (config.ConditionTrack < 0 || config.ConditionTrack >= config.Architecture.Tracks)
            throw new ModelFormatException($"{path}: condition track {config.ConditionTrack} is outside the {config.Architecture.Tracks} tracks.");
        return config;
    }

    private static Dictionary<string, Tensor> Select(IReadOnlyDictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);

    private static void Load(Tensors.Nn.Module module, IReadOnlyDictionary<string, Tensor> state, string source, string what)
    {
        // PyTorch saves num_batches_tracked; a converted state dict may omit it, so it is optional.
        var own = module.StateDict();
        var missing = own.Keys.Where(k => !state.ContainsKey(k) && !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new ModelFormatException($"{source}: the {what} weights do not match the architecture in {ConfigFileName}: "
                + $"missing [{Abbreviate(missing)}], unexpected [{Abbreviate(unexpected)}].");
        try
        {
            module.LoadStateDict(state, strict: false);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFormatException($"{source}: the {what} weights do not match the architecture in {ConfigFileName}: {ex.Message}", ex);
        }
        foreach (var (name, t) in own)
            foreach (var v in t.AsReadOnlySpan())
                if (!float.IsFinite(v)) throw new ModelFormatException($"{source}: {what} tensor '{name}' holds a non-finite value.");
    }

    private static string Abbreviate(List<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : string.Join(", ", names.Take(6)) + $", … ({names.Count} in all)";
}
