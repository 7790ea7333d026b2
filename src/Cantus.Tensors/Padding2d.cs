namespace Cantus.Tensors;

/// <summary>
/// Zero padding of a 2-D convolution's input, possibly asymmetric (as TensorFlow's 'same'
/// padding is when the total is odd: the extra row/column goes at the bottom/right).
/// </summary>
/// <param name="Top">Rows added above.</param>
/// <param name="Bottom">Rows added below.</param>
/// <param name="Left">Columns added on the left.</param>
/// <param name="Right">Columns added on the right.</param>
public readonly record struct Padding2d(int Top, int Bottom, int Left, int Right)
{
    /// <summary>No padding ('valid').</summary>
    public static Padding2d None => default;

    /// <summary>The same padding on all four sides.</summary>
    public static Padding2d Uniform(int p) => new(p, p, p, p);

    /// <summary>
    /// TensorFlow 'same' padding for a square kernel: output size ⌈n/s⌉, total padding
    /// max((⌈n/s⌉−1)·s + k − n, 0), of which ⌊total/2⌋ before and the rest after
    /// (as <c>same_pad</c> in torch_reference.py).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static Padding2d Same(int height, int width, int kernel, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        int th = Total(height), tw = Total(width);
        return new Padding2d(th / 2, th - th / 2, tw / 2, tw - tw / 2);

        int Total(int n)
        {
            int outSize = (n + stride - 1) / stride;
            return Math.Max((outSize - 1) * stride + kernel - n, 0);
        }
    }
}
