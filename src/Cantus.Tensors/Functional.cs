using Cantus.Tensors.Kernels;
using Cantus.Tensors.Ops;

namespace Cantus.Tensors;

/// <summary>
/// Neural-network functions on tensors, as <c>torch.nn.functional</c>: convolution and its
/// adjoints, linear layers, upsampling, batch normalisation, activations, dropout.
/// </summary>
public static class Functional
{
    /// <summary>
    /// 2-D cross-correlation (PyTorch conv2d, dilation 1, one group):
    /// y[n,o,i,j] = b[o] + Σ_{c,u,v} x[n,c,i·s+u−top,j·s+v−left]·w[o,c,u,v].
    /// </summary>
    /// <param name="x">Input (N, Cin, H, W).</param>
    /// <param name="weight">Kernel (Cout, Cin, KH, KW).</param>
    /// <param name="bias">Bias (Cout) or null.</param>
    /// <param name="stride">Stride in both directions.</param>
    /// <param name="padding">Zero padding of the input, possibly asymmetric.</param>
    /// <returns>(N, Cout, OH, OW) with OH = (H + top + bottom − KH)/stride + 1.</returns>
    /// <exception cref="ArgumentException">Shapes do not fit together.</exception>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, int stride, Padding2d padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        return ConvOps.Conv2d(x, weight, bias, stride, padding);
    }

    /// <summary>
    /// The transposed convolution that is the data gradient of <see cref="Conv2d"/>: maps
    /// gy (N, Cout, OH, OW) back to an input of shape <paramref name="inputShape"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes do not fit together.</exception>
    public static Tensor Conv2dInputGradient(Tensor gradOutput, Tensor weight, TensorShape inputShape, int stride, Padding2d padding)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(inputShape);
        return ConvOps.Conv2dInputGrad(gradOutput, weight, ConvGeometry.From(inputShape, weight.Shape, stride, padding));
    }

    /// <summary>The weight gradient of <see cref="Conv2d"/>: Σₙ gy[n]·im2col(x[n])ᵀ, shape <paramref name="weightShape"/>.</summary>
    /// <exception cref="ArgumentException">Shapes do not fit together.</exception>
    public static Tensor Conv2dWeightGradient(Tensor x, Tensor gradOutput, TensorShape weightShape, int stride, Padding2d padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        ArgumentNullException.ThrowIfNull(weightShape);
        return ConvOps.Conv2dWeightGrad(x, gradOutput, ConvGeometry.From(x.Shape, weightShape, stride, padding));
    }

    /// <summary>
    /// Nearest ×2 upsampling followed by a 4×4 stride-1 convolution with TensorFlow 'same'
    /// padding, as <c>Conv2d(UpsampleNearest2x(x), w, b, 1, Padding2d.Same(2H, 2W, 4, 1))</c>
    /// (the lab's u4, u5, u6 and output layers) but computed on the low-resolution input as
    /// four phase convolutions with 2.56× fewer multiply-adds; equal up to rounding.
    /// </summary>
    /// <param name="x">Input (N, Cin, H, W).</param>
    /// <param name="weight">Kernel (Cout, Cin, 4, 4).</param>
    /// <param name="bias">Bias (Cout) or null.</param>
    /// <returns>(N, Cout, 2H, 2W).</returns>
    /// <exception cref="ArgumentException">Shapes do not fit together.</exception>
    public static Tensor UpsampleConv2d(Tensor x, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        return ConvOps.UpsampleConv2d(x, weight, bias);
    }

    /// <summary>Linear layer y = x·wᵀ + b with x (N, in), w (out, in), b (out) or null.</summary>
    /// <exception cref="ArgumentException">Shapes do not fit together.</exception>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        var y = MatMulOps.MatMul(x, weight, false, true);
        return bias is null ? y : y + bias;
    }

    /// <summary>Nearest-neighbour upsampling by 2 in H and W: (N, C, H, W) → (N, C, 2H, 2W).</summary>
    public static Tensor UpsampleNearest2x(Tensor x) => ConvOps.UpsampleNearest2x(x ?? throw new ArgumentNullException(nameof(x)));

    /// <summary>
    /// Batch normalisation over (N, H, W) per channel, as PyTorch's BatchNorm2d.
    /// Training: y = (x − μ_B)/√(σ²_B + ε)·γ + β with the biased batch variance, and, outside
    /// no-grad, running ← (1 − momentum)·running + momentum·batch (running variance uses the
    /// unbiased batch variance; it moves even under no-grad, as in PyTorch). Evaluation: the running statistics replace the batch ones.
    /// Note PyTorch's momentum m corresponds to Keras' momentum 1 − m.
    /// </summary>
    /// <param name="x">Input (N, C, H, W).</param>
    /// <param name="gamma">Scale γ (C).</param>
    /// <param name="beta">Shift β (C).</param>
    /// <param name="runningMean">Running mean (C), updated in place when training.</param>
    /// <param name="runningVar">Running variance (C), updated in place when training.</param>
    /// <param name="training">Use batch statistics and update the running ones.</param>
    /// <param name="momentum">Weight of the new batch statistic in the running average.</param>
    /// <param name="eps">ε added to the variance.</param>
    /// <exception cref="ArgumentException">Shapes do not fit together.</exception>
    public static Tensor BatchNorm2d(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, bool training, float momentum, float eps)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 4) throw new ArgumentException($"BatchNorm2d needs (N, C, H, W); got {x.Shape}.", nameof(x));
        int c = x.Shape[1];
        foreach (var (t, name) in new[] { (gamma, nameof(gamma)), (beta, nameof(beta)), (runningMean, nameof(runningMean)), (runningVar, nameof(runningVar)) })
            if (t is null || t.Rank != 1 || t.Shape[0] != c) throw new ArgumentException($"BatchNorm2d {name} must have shape ({c}).", name);
        if (!training) return NormalizationOps.BatchNormEval(x, gamma, beta, runningMean, runningVar, eps);
        int count = x.Count / c;
        if (count < 2) throw new ArgumentException($"BatchNorm2d in training needs more than one value per channel; got {x.Shape}.", nameof(x));
        var y = NormalizationOps.BatchNormTrain(x, gamma, beta, eps, out var mean, out var variance);
        // As PyTorch, the running statistics move in training mode even under no-grad.
        UpdateRunning(runningMean, mean, momentum, 1.0);
        UpdateRunning(runningVar, variance, momentum, count / (count - 1.0));
        return y;
    }

    private static void UpdateRunning(Tensor running, double[] b, float momentum, double correction)
    {
        var r = running.Span;
        for (int i = 0; i < r.Length; i++) r[i] = (float)((1.0 - momentum) * r[i] + momentum * (b[i] * correction));
    }

    /// <summary>
    /// Dropout: when training, zeroes each element with probability <paramref name="p"/> and
    /// scales the rest by 1/(1 − p); the identity otherwise.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1).</exception>
    public static Tensor Dropout(Tensor x, float p, bool training, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(random);
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        if (!training || p == 0) return x;
        var mask = Tensor.Zeros(x.Shape);
        var m = mask.Span;
        float keep = 1f / (1f - p);
        for (int i = 0; i < m.Length; i++) m[i] = random.NextDouble() < p ? 0f : keep;
        return x * mask;
    }
}
