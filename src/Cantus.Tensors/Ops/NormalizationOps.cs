using Cantus.Tensors.Autograd;
using Cantus.Tensors.Kernels;

namespace Cantus.Tensors.Ops;

/// <summary>
/// Batch normalisation over (N, H, W) per channel as one fused op (statistics, normalise,
/// scale and shift in two passes). Its backward is the fused closed form; when a
/// differentiable gradient is requested it falls back to the same function composed of
/// primitive ops, so higher-order gradients stay exact.
/// </summary>
internal static class NormalizationOps
{
    // x: (N, C, H, W), gamma/beta: (C) → y (N, C, H, W); mean and biased variance per channel out.
    public static Tensor BatchNormTrain(Tensor x, Tensor gamma, Tensor beta, float eps, out double[] mean, out double[] variance)
    {
        int n = x.Shape[0], c = x.Shape[1], hw = x.Shape[2] * x.Shape[3];
        var mu = mean = new double[c];
        variance = new double[c];
        BatchNormKernels.Statistics(x.Data, n, c, hw, mu, variance);
        var invStd = new double[c];
        var scale = new float[c];
        var shift = new float[c];
        for (int ch = 0; ch < c; ch++)
        {
            invStd[ch] = 1.0 / Math.Sqrt(variance[ch] + eps);
            scale[ch] = (float)(gamma.Data[ch] * invStd[ch]);
            shift[ch] = (float)(beta.Data[ch] - mu[ch] * gamma.Data[ch] * invStd[ch]);
        }
        var y = new Tensor(x.Shape);
        BatchNormKernels.Affine(x.Data, y.Data, n, c, hw, scale, shift);
        return Tape.Record(y, "batch_norm", [x, gamma, beta], (g, needs) => Derivatives.BatchNorm(g, x, gamma, beta, eps, mu, invStd, needs));
    }

    // Evaluation: y = (x − running_mean)/√(running_var + ε)·γ + β, fused when no graph is needed.
    public static Tensor BatchNormEval(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, float eps)
    {
        int n = x.Shape[0], c = x.Shape[1], hw = x.Shape[2] * x.Shape[3];
        if (GradMode.IsEnabled && (x.RequiresGrad || gamma.RequiresGrad || beta.RequiresGrad))
        {
            var g4 = ShapeOps.Reshape(gamma, [1, c, 1, 1]);
            var scale4 = g4 / ShapeOps.Reshape(runningVar, [1, c, 1, 1]).Detach().Add(eps).Sqrt();
            return (x - ShapeOps.Reshape(runningMean, [1, c, 1, 1]).Detach()) * scale4 + ShapeOps.Reshape(beta, [1, c, 1, 1]);
        }
        var scale = new float[c];
        var shift = new float[c];
        for (int ch = 0; ch < c; ch++)
        {
            double inv = 1.0 / Math.Sqrt(runningVar.Data[ch] + (double)eps);
            scale[ch] = (float)(gamma.Data[ch] * inv);
            shift[ch] = (float)(beta.Data[ch] - runningMean.Data[ch] * gamma.Data[ch] * inv);
        }
        var y = new Tensor(x.Shape);
        BatchNormKernels.Affine(x.Data, y.Data, n, c, hw, scale, shift);
        return y;
    }

    /// <summary>Training-mode batch norm composed of primitive (differentiable) ops.</summary>
    public static Tensor ComposedTrain(Tensor x, Tensor gamma, Tensor beta, float eps)
    {
        int c = x.Shape[1];
        var mean = x.Mean([0, 2, 3], keepDims: true);
        var centered = x - mean;
        var variance = centered.Square().Mean([0, 2, 3], keepDims: true);
        return centered / (variance + eps).Sqrt() * ShapeOps.Reshape(gamma, [1, c, 1, 1]) + ShapeOps.Reshape(beta, [1, c, 1, 1]);
    }

    private static Tensor Add(this Tensor t, float s) => ElementwiseOps.AddScalar(t, s);
}
