using Cantus.Gan.Networks;
using Cantus.Tensors;

namespace Cantus.Gan.Models;

/// <summary>A loaded model: its configuration, the generator (in evaluation mode) and, when the directory has one, the critic.</summary>
public sealed class GanModel
{
    /// <summary>Creates a model from its parts.</summary>
    /// <exception cref="ArgumentException">The networks were built for another architecture.</exception>
    public GanModel(ModelConfig config, Generator generator, Critic? critic)
    {
        Config = config ?? throw new ArgumentNullException(nameof(config));
        Generator = generator ?? throw new ArgumentNullException(nameof(generator));
        if (generator.Architecture != config.Architecture || (critic is not null && critic.Architecture != config.Architecture))
            throw new ArgumentException("The networks do not match the configuration's architecture.");
        Critic = critic;
    }

    /// <summary>Architecture, voices, training and evaluation record.</summary>
    public ModelConfig Config { get; }

    /// <summary>The generator.</summary>
    public Generator Generator { get; }

    /// <summary>The critic, or null when the model has none (e.g. a generator exported from PyTorch).</summary>
    public Critic? Critic { get; }

    /// <summary>A model with fresh PyTorch-style initial weights (untrained), for tests and as the start of training.</summary>
    public static GanModel CreateUntrained(ModelConfig config, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        var random = new SeededRandom(seed);
        return new GanModel(config, new Generator(config.Architecture, random), new Critic(config.Architecture, random));
    }
}
