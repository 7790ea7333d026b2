namespace Cantus.Tensors.Kernels;

/// <summary>
/// Sizes of one 2-D convolution, cross-correlation as PyTorch's conv2d (dilation 1, one
/// group): x (N, Cin, H, W), w (Cout, Cin, KH, KW), y (N, Cout, OH, OW) with
/// OH = (H + top + bottom − KH) / stride + 1.
/// </summary>
internal sealed record ConvGeometry(int Batch, int InChannels, int Height, int Width, int OutChannels, int KernelH, int KernelW, int Stride, Padding2d Padding)
{
    public int OutHeight => (Height + Padding.Top + Padding.Bottom - KernelH) / Stride + 1;

    public int OutWidth => (Width + Padding.Left + Padding.Right - KernelW) / Stride + 1;

    /// <summary>Rows of the im2col matrix: Cin·KH·KW.</summary>
    public int PatchSize => InChannels * KernelH * KernelW;

    public int InPlane => Height * Width;

    public int OutPlane => OutHeight * OutWidth;

    public TensorShape InputShape => new(Batch, InChannels, Height, Width);

    public TensorShape WeightShape => new(OutChannels, InChannels, KernelH, KernelW);

    public TensorShape OutputShape => new(Batch, OutChannels, OutHeight, OutWidth);

    /// <summary>Builds and validates the geometry from the input and weight shapes.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit together.</exception>
    public static ConvGeometry From(TensorShape x, TensorShape w, int stride, Padding2d padding)
    {
        if (x.Rank != 4) throw new ArgumentException($"conv2d input must be (N, C, H, W); got {x}.", nameof(x));
        if (w.Rank != 4) throw new ArgumentException($"conv2d weight must be (Cout, Cin, KH, KW); got {w}.", nameof(w));
        if (x[1] != w[1]) throw new ArgumentException($"conv2d input has {x[1]} channels; weight {w} expects {w[1]}.", nameof(w));
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if (padding.Top < 0 || padding.Bottom < 0 || padding.Left < 0 || padding.Right < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "Padding must not be negative.");
        var g = new ConvGeometry(x[0], x[1], x[2], x[3], w[0], w[2], w[3], stride, padding);
        if (x[2] + padding.Top + padding.Bottom < w[2] || x[3] + padding.Left + padding.Right < w[3])
            throw new ArgumentException($"conv2d kernel {w[2]}×{w[3]} is larger than the padded input {x} with {padding}.", nameof(w));
        return g;
    }
}
