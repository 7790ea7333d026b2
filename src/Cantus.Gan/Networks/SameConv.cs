using Cantus.Tensors;
using Cantus.Tensors.Nn;

namespace Cantus.Gan.Networks;

/// <summary>torch_reference.py's <c>Conv</c>: a 4×4 convolution with TensorFlow 'same' padding whose layer is named "conv".</summary>
internal sealed class SameConv : Module
{
    public SameConv(int inChannels, int outChannels, int stride, SeededRandom random)
    {
        Conv = RegisterModule("conv", new Conv2d(inChannels, outChannels, 4, stride, null, random));
    }

    public Conv2d Conv { get; }

    // x: (N, Cin, H, W) → (N, Cout, ⌈H/s⌉, ⌈W/s⌉)
    public Tensor Forward(Tensor x) => Conv.Forward(x);

    // x: (N, Cin, H, W) → (N, Cout, 2H, 2W): nearest upsample ×2 then this 4×4 'same' conv, computed
    // as four phase convolutions on x (PERFORMANCE.md: 2.56× fewer multiply-adds, same result up to rounding).
    public Tensor ForwardUpsampled(Tensor x) => Conv.ForwardUpsampled(x);
}
