using Cantus.Tensors;
using Cantus.Tensors.Nn;

namespace Cantus.Gan.Networks;

/// <summary>
/// The lab's critic, layer for layer as torch_reference.py's <c>Critic</c> (state-dict names
/// <c>c1.conv.weight</c> … <c>fc.bias</c>): the voices and the melody concatenated (Tracks + 1
/// channels), four 4×4 stride-2 'same' convolutions (f, 2f, 4f, 8f) with LeakyReLU 0.2 and no
/// normalisation (WGAN-GP forbids batch norm in the critic), flattened, one dense output.
/// </summary>
public sealed class Critic : Module
{
    private readonly SameConv[] _convs;
    private readonly Dense _fc;

    /// <summary>Creates a critic with PyTorch-style initial weights drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">The architecture is invalid.</exception>
    public Critic(GanArchitecture architecture, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(random);
        architecture.Validate();
        Architecture = architecture;
        var f = architecture.CriticWidth;
        _convs =
        [
            RegisterModule("c1", new SameConv(architecture.Tracks + architecture.ConditionChannels, f, 2, random)),
            RegisterModule("c2", new SameConv(f, 2 * f, 2, random)),
            RegisterModule("c3", new SameConv(2 * f, 4 * f, 2, random)),
            RegisterModule("c4", new SameConv(4 * f, 8 * f, 2, random)),
        ];
        _fc = RegisterModule("fc", new Dense(8 * f * architecture.LatentHeight * architecture.LatentWidth, 1, random));
    }

    /// <summary>The sizes this critic was built for.</summary>
    public GanArchitecture Architecture { get; }

    /// <summary>
    /// Scores voices <paramref name="voices"/>: (N, Tracks, Steps, Pitches) given the melody
    /// <paramref name="condition"/>: (N, 1, Steps, Pitches); returns (N, 1), higher = more real.
    /// </summary>
    /// <exception cref="ArgumentException">A shape does not match the architecture.</exception>
    public Tensor Forward(Tensor voices, Tensor condition)
    {
        ArgumentNullException.ThrowIfNull(voices);
        ArgumentNullException.ThrowIfNull(condition);
        var a = Architecture;
        if (voices.Rank != 4 || voices.Shape[1] != a.Tracks || voices.Shape[2] != a.Steps || voices.Shape[3] != a.Pitches)
            throw new ArgumentException($"The voices must be (N, {a.Tracks}, {a.Steps}, {a.Pitches}); got {voices.Shape}.", nameof(voices));
        var t = Tensor.Concat([voices, OctaveCondition.Expand(condition, a.ConditionChannels)]);
        foreach (var conv in _convs) t = conv.Forward(t).LeakyRelu(0.2f);
        return _fc.Forward(t.Flatten(1));
    }
}
