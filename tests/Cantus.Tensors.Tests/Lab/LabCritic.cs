using Cantus.Tensors.Nn;

namespace Cantus.Tensors.Tests.Lab;

/// <summary>The lab's critic exactly as torch_reference.py's Critic (same state-dict names).</summary>
internal sealed class LabCritic : Module
{
    private readonly SameConv[] _convs;
    private readonly Dense _fc;

    public LabCritic(int f, int tracks, int h, int w, SeededRandom r)
    {
        _convs =
        [
            RegisterModule("c1", new SameConv(tracks + 1, f, 2, r)),
            RegisterModule("c2", new SameConv(f, 2 * f, 2, r)),
            RegisterModule("c3", new SameConv(2 * f, 4 * f, 2, r)),
            RegisterModule("c4", new SameConv(4 * f, 8 * f, 2, r)),
        ];
        _fc = RegisterModule("fc", new Dense(8 * f * (h / 16) * (w / 16), 1, r));
    }

    // x: (N, tracks, H, W), c: (N, 1, H, W) → (N, 1)
    public Tensor Forward(Tensor x, Tensor c)
    {
        var t = Tensor.Concat([x, c]);
        foreach (var conv in _convs) t = conv.Forward(t).LeakyRelu(0.2f);
        return _fc.Forward(t.Flatten(1));
    }
}
