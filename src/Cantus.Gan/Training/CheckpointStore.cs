using System.Globalization;
using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Tensors;
using Cantus.Tensors.Optim;
using Cantus.Tensors.Serialization;

namespace Cantus.Gan.Training;

/// <summary>
/// The checkpoint format of a run, kept in its <see cref="IRunStore"/>: one safetensors file
/// holding everything needed to continue exactly: generator (weights and batch-norm statistics)
/// under <c>generator.</c>, critic under <c>critic.</c>, the two Adam states under
/// <c>adam_generator.</c> / <c>adam_critic.</c>, and the iteration in the metadata. The store
/// writes atomically and keeps the newest K, so a process killed at any moment leaves the
/// previous checkpoint intact.
/// </summary>
internal sealed class CheckpointStore
{
    private const string IterationKey = "iteration";

    public CheckpointStore(IRunStore store, int keep)
    {
        Store = store;
        Keep = keep;
    }

    public IRunStore Store { get; }

    public int Keep { get; }

    public string Save(long iteration, Generator generator, Critic critic, Adam generatorOptimizer, Adam criticOptimizer)
    {
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
        return Store.SaveCheckpoint(iteration, s => SafeTensors.Write(s, tensors, metadata), Keep);
    }

    /// <summary>
    /// Restores the newest readable checkpoint into the networks and optimisers and returns its
    /// iteration, or null when there is none.
    /// </summary>
    /// <exception cref="ModelFormatException">Checkpoints exist but none can be read.</exception>
    public long? LoadLatest(Generator generator, Critic critic, Adam generatorOptimizer, Adam criticOptimizer)
    {
        var errors = new List<string>();
        foreach (var checkpoint in Store.Checkpoints())
        {
            try
            {
                SafeTensorsContent content;
                using (var stream = checkpoint.Open()) content = SafeTensors.Read(stream);
                if (!content.Metadata.TryGetValue(IterationKey, out var text) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var stored) || stored != checkpoint.Iteration)
                    throw new InvalidDataException("its metadata lacks the matching iteration");
                generator.LoadStateDict(Select(content.Tensors, "generator."));
                critic.LoadStateDict(Select(content.Tensors, "critic."));
                generatorOptimizer.LoadStateDict(Select(content.Tensors, "adam_generator."));
                criticOptimizer.LoadStateDict(Select(content.Tensors, "adam_critic."));
                return checkpoint.Iteration;
            }
            catch (InvalidDataException ex)
            {
                errors.Add($"{checkpoint.Location}: {ex.Message}");
            }
        }
        if (errors.Count > 0) throw new ModelFormatException("No checkpoint could be read: " + string.Join("; ", errors));
        return null;
    }

    private static void Add(Dictionary<string, Tensor> target, string prefix, IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var (k, v) in state) target[prefix + k] = v;
    }

    private static Dictionary<string, Tensor> Select(IReadOnlyDictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
}
