namespace Cantus.Tensors.Nn;

/// <summary>
/// Batch normalisation of (N, C, H, W) per channel, as PyTorch's BatchNorm2d: parameters
/// <c>weight</c> (γ, ones) and <c>bias</c> (β, zeros); buffers <c>running_mean</c> (zeros),
/// <c>running_var</c> (ones) and <c>num_batches_tracked</c>. The lab's Keras momentum 0.8 is
/// PyTorch momentum 0.2.
/// </summary>
public sealed class BatchNorm2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public BatchNorm2d(int channels, float momentum = 0.1f, float eps = 1e-5f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (!(momentum >= 0 && momentum <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1].");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "Epsilon must be positive.");
        Momentum = momentum;
        Eps = eps;
        Weight = RegisterParameter("weight", Tensor.Ones(channels));
        Bias = RegisterParameter("bias", Tensor.Zeros(channels));
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(channels));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones(channels));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Scalar(0));
    }

    /// <summary>γ (C).</summary>
    public Tensor Weight { get; }

    /// <summary>β (C).</summary>
    public Tensor Bias { get; }

    /// <summary>Running mean (C).</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance (C).</summary>
    public Tensor RunningVar { get; }

    /// <summary>Number of training batches seen (a float scalar; PyTorch stores int64).</summary>
    public Tensor NumBatchesTracked { get; }

    /// <summary>Weight of a new batch statistic in the running average (PyTorch convention).</summary>
    public float Momentum { get; }

    /// <summary>ε added to the variance.</summary>
    public float Eps { get; }

    /// <summary>Normalises x (N, C, H, W) with batch statistics when training, running ones otherwise.</summary>
    public Tensor Forward(Tensor x)
    {
        var y = Functional.BatchNorm2d(x, Weight, Bias, RunningMean, RunningVar, Training, Momentum, Eps);
        if (Training) NumBatchesTracked.Fill(NumBatchesTracked.Item() + 1);
        return y;
    }
}
