using Cantus.Tensors;
using Cantus.Tensors.Nn;

namespace Cantus.Gan.Networks;

/// <summary>
/// The lab's U-Net generator, layer for layer as torch_reference.py's <c>Generator</c> (so its
/// state dict loads as is: <c>d1.conv.weight</c>, <c>b2.running_mean</c>, ...):
/// down d1..d4 (4×4 stride 2 'same', LeakyReLU 0.2, batch norm after d2..d4), the latent
/// concatenated at the bottleneck, up u4..u6 (nearest ×2, 4×4 'same', batch norm, ReLU, concat
/// of the matching down output), out (nearest ×2, 4×4 'same' to <see cref="GanArchitecture.Tracks"/>
/// channels, tanh). Batch norm momentum 0.2 in PyTorch terms (Keras 0.8).
/// </summary>
public sealed class Generator : Module
{
    private const float Momentum = 0.2f;
    private readonly SameConv _d1, _d2, _d3, _d4, _u4, _u5, _u6, _out;
    private readonly BatchNorm2d _b2, _b3, _b4, _c4, _c5, _c6;

    /// <summary>Creates a generator with PyTorch-style initial weights drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">The architecture is invalid.</exception>
    public Generator(GanArchitecture architecture, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(random);
        architecture.Validate();
        Architecture = architecture;
        int f = architecture.Filters, zc = architecture.LatentChannels;
        _d1 = RegisterModule("d1", new SameConv(architecture.ConditionChannels, f, 2, random));
        _d2 = RegisterModule("d2", new SameConv(f, 2 * f, 2, random));
        _b2 = RegisterModule("b2", new BatchNorm2d(2 * f, Momentum));
        _d3 = RegisterModule("d3", new SameConv(2 * f, 4 * f, 2, random));
        _b3 = RegisterModule("b3", new BatchNorm2d(4 * f, Momentum));
        _d4 = RegisterModule("d4", new SameConv(4 * f, 8 * f, 2, random));
        _b4 = RegisterModule("b4", new BatchNorm2d(8 * f, Momentum));
        _u4 = RegisterModule("u4", new SameConv(8 * f + zc, 4 * f, 1, random));
        _c4 = RegisterModule("c4", new BatchNorm2d(4 * f, Momentum));
        _u5 = RegisterModule("u5", new SameConv(8 * f, 2 * f, 1, random));
        _c5 = RegisterModule("c5", new BatchNorm2d(2 * f, Momentum));
        _u6 = RegisterModule("u6", new SameConv(4 * f, f, 1, random));
        _c6 = RegisterModule("c6", new BatchNorm2d(f, Momentum));
        _out = RegisterModule("out", new SameConv(2 * f, architecture.Tracks, 1, random));
    }

    /// <summary>The sizes this generator was built for.</summary>
    public GanArchitecture Architecture { get; }

    /// <summary>
    /// The accompaniment for melodies <paramref name="condition"/>: (N, 1, Steps, Pitches) in {−1, +1}
    /// with noise <paramref name="latent"/>: (N, LatentChannels, Steps/16, Pitches/16);
    /// returns (N, Tracks, Steps, Pitches) in (−1, 1). With <see cref="GanArchitecture.ConditionOctaves"/>
    /// the melody's octave copies are made here, so callers always pass the one melody channel.
    /// </summary>
    /// <exception cref="ArgumentException">A shape does not match the architecture.</exception>
    public Tensor Forward(Tensor condition, Tensor latent)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(latent);
        var a = Architecture;
        if (condition.Rank != 4 || condition.Shape[1] != 1 || condition.Shape[2] != a.Steps || condition.Shape[3] != a.Pitches)
            throw new ArgumentException($"The condition must be (N, 1, {a.Steps}, {a.Pitches}); got {condition.Shape}.", nameof(condition));
        if (latent.Rank != 4 || latent.Shape[0] != condition.Shape[0] || latent.Shape[1] != a.LatentChannels || latent.Shape[2] != a.LatentHeight || latent.Shape[3] != a.LatentWidth)
            throw new ArgumentException($"The latent must be ({condition.Shape[0]}, {a.LatentChannels}, {a.LatentHeight}, {a.LatentWidth}); got {latent.Shape}.", nameof(latent));
        var d1 = _d1.Forward(OctaveCondition.Expand(condition, a.ConditionChannels)).LeakyRelu(0.2f);
        var d2 = _b2.Forward(_d2.Forward(d1).LeakyRelu(0.2f));
        var d3 = _b3.Forward(_d3.Forward(d2).LeakyRelu(0.2f));
        var d4 = _b4.Forward(_d4.Forward(d3).LeakyRelu(0.2f));
        var x = Tensor.Concat([d4, latent]);
        // Each up block is nearest upsample ×2 then a 4×4 'same' conv, fused (SameConv.ForwardUpsampled).
        var u4 = Tensor.Concat([_c4.Forward(_u4.ForwardUpsampled(x)).Relu(), d3]);
        var u5 = Tensor.Concat([_c5.Forward(_u5.ForwardUpsampled(u4)).Relu(), d2]);
        var u6 = Tensor.Concat([_c6.Forward(_u6.ForwardUpsampled(u5)).Relu(), d1]);
        return _out.ForwardUpsampled(u6).Tanh();
    }
}
