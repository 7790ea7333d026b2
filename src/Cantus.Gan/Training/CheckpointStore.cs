using System.Globalization;
using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Tensors;
using Cantus.Tensors.Optim;
using Cantus.Tensors.Serialization;

namespace Cantus.Gan.Training;

/// <summary>
/// The checkpoints of a run: <c>checkpoints/ckpt-NNNNNNNN.safetensors</c>, one safetensors file
/// holding everything needed to continue exactly: generator (weights and batch-norm statistics)
/// under <c>generator.</c>, critic under <c>critic.</c>, the two Adam states under
/// <c>adam_generator.</c> / <c>adam_critic.</c>, and the iteration in the metadata. Files are
/// written atomically (<see cref="AtomicFile"/>) and only the newest K are kept, so a process
/// killed at any moment leaves the previous checkpoint intact.
/// </summary>
internal sealed class CheckpointStore
{
    private const string Prefix = "ckpt-";
    private const string Extension = ".safetensors";
    private const string IterationKey = "iteration";

    public CheckpointStore(string directory, int keep)
    {
        Directory = directory;
        Keep = keep;
    }

    public string Directory { get; }

    public int Keep { get; }

    public string Save(long iteration, Generator generator, Critic critic, Adam generatorOptimizer, Adam criticOptimizer)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        Add(tensors, "generator.", generator.StateDict());
        Add(tensors, "critic.", critic.StateDict());
        Add(tensors, "adam_generator.", generatorOptimizer.StateDict());
        Add(tensors, "adam_critic.", criticOptimizer.StateDict());
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "cantus-gan-checkpoint",
            [IterationKey] = iteration.ToString(CultureInfo.InvariantCulture),
        };
        var path = PathOf(iteration);
        AtomicFile.Write(path, s => SafeTensors.Write(s, tensors, metadata));
        foreach (var old in List().Skip(Keep)) File.Delete(old.Path);
        return path;
    }

    /// <summary>Checkpoint files, newest first (temporary files of interrupted writes are ignored).</summary>
    public IReadOnlyList<(long Iteration, string Path)> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var result = new List<(long, string)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, Prefix + "*" + Extension))
        {
            var name = Path.GetFileName(path);
            var digits = name[Prefix.Length..^Extension.Length];
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var it)) result.Add((it, path));
        }
        return result.OrderByDescending(r => r.Item1).ToList();
    }

    /// <summary>
    /// Restores the newest readable checkpoint into the networks and optimisers and returns its
    /// iteration, or null when there is none.
    /// </summary>
    /// <exception cref="ModelFormatException">Checkpoints exist but none can be read.</exception>
    public long? LoadLatest(Generator generator, Critic critic, Adam generatorOptimizer, Adam criticOptimizer)
    {
        var errors = new List<string>();
        foreach (var (iteration, path) in List())
        {
            try
            {
                var content = SafeTensors.ReadFile(path);
                if (!content.Metadata.TryGetValue(IterationKey, out var text) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var stored) || stored != iteration)
                    throw new InvalidDataException("its metadata lacks the matching iteration");
                generator.LoadStateDict(Select(content.Tensors, "generator."));
                critic.LoadStateDict(Select(content.Tensors, "critic."));
                generatorOptimizer.LoadStateDict(Select(content.Tensors, "adam_generator."));
                criticOptimizer.LoadStateDict(Select(content.Tensors, "adam_critic."));
                return iteration;
            }
            catch (InvalidDataException ex)
            {
                errors.Add($"{path}: {ex.Message}");
            }
        }
        if (errors.Count > 0) throw new ModelFormatException("No checkpoint could be read: " + string.Join("; ", errors));
        return null;
    }

    public string PathOf(long iteration) => Path.Combine(Directory, Prefix + iteration.ToString("D8", CultureInfo.InvariantCulture) + Extension);

    private static void Add(Dictionary<string, Tensor> target, string prefix, IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var (k, v) in state) target[prefix + k] = v;
    }

    private static Dictionary<string, Tensor> Select(IReadOnlyDictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
}
