namespace Cantus.Tensors.Nn;

/// <summary>
/// A 2-D convolution layer with parameters <c>weight</c> (Cout, Cin, K, K) and <c>bias</c>
/// (Cout), initialised as PyTorch does (<see cref="Init.KaimingUniformDefault"/>,
/// <see cref="Init.BiasDefault"/>).
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Square kernel size.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Fixed padding, or null for TensorFlow 'same' padding computed from each input's size (<see cref="Padding2d.Same"/>).</param>
    /// <param name="random">Source for the initial weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, Padding2d? padding, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentNullException.ThrowIfNull(random);
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Weight = RegisterParameter("weight", Tensor.Zeros(outChannels, inChannels, kernelSize, kernelSize));
        Bias = RegisterParameter("bias", Tensor.Zeros(outChannels));
        Init.KaimingUniformDefault(Weight, random);
        Init.BiasDefault(Bias, Weight.Shape, random);
    }

    /// <summary>Kernel (Cout, Cin, K, K).</summary>
    public Tensor Weight { get; }

    /// <summary>Bias (Cout).</summary>
    public Tensor Bias { get; }

    /// <summary>Square kernel size.</summary>
    public int KernelSize { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Fixed padding, or null for TensorFlow 'same'.</summary>
    public Padding2d? Padding { get; }

    /// <summary>y = conv2d(x, weight) + bias; x: (N, Cin, H, W).</summary>
    public Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 4) throw new ArgumentException($"Conv2d needs (N, C, H, W); got {x.Shape}.", nameof(x));
        var padding = Padding ?? Padding2d.Same(x.Shape[2], x.Shape[3], KernelSize, Stride);
        return Functional.Conv2d(x, Weight, Bias, Stride, padding);
    }

    /// <summary>
    /// This layer applied to x upsampled ×2 (nearest): <c>Forward(UpsampleNearest2x(x))</c>
    /// computed by <see cref="Functional.UpsampleConv2d"/> with 2.56× fewer multiply-adds.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer is not 4×4, stride 1, 'same' padding.</exception>
    public Tensor ForwardUpsampled(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (KernelSize != 4 || Stride != 1 || Padding is not null)
            throw new InvalidOperationException("ForwardUpsampled needs a 4×4, stride-1 layer with TensorFlow 'same' padding.");
        return Functional.UpsampleConv2d(x, Weight, Bias);
    }
}
