using Cantus.Tensors.Nn;

namespace Cantus.Tensors.Tests.Lab;

/// <summary>torch_reference.py's Conv: a 4×4 conv with TF 'same' padding, its layer named "conv".</summary>
internal sealed class SameConv : Module
{
    public SameConv(int cin, int cout, int stride, SeededRandom random)
    {
        Conv = RegisterModule("conv", new Conv2d(cin, cout, 4, stride, null, random));
    }

    public Conv2d Conv { get; }

    public Tensor Forward(Tensor x) => Conv.Forward(x);

    /// <summary>Forward(UpsampleNearest2x(x)), by the phase-decomposed kernel.</summary>
    public Tensor ForwardUpsampled(Tensor x) => Conv.ForwardUpsampled(x);
}
