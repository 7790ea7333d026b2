namespace Cantus.Tensors.Nn;

/// <summary>
/// A fully connected layer (PyTorch Linear, Keras Dense): y = x·wᵀ + b with <c>weight</c>
/// (out, in) and <c>bias</c> (out), initialised as PyTorch does.
/// </summary>
public sealed class Dense : Module
{
    /// <summary>Creates the layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Dense(int inFeatures, int outFeatures, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        ArgumentNullException.ThrowIfNull(random);
        Weight = RegisterParameter("weight", Tensor.Zeros(outFeatures, inFeatures));
        Bias = RegisterParameter("bias", Tensor.Zeros(outFeatures));
        Init.KaimingUniformDefault(Weight, random);
        Init.BiasDefault(Bias, Weight.Shape, random);
    }

    /// <summary>Weight (out, in).</summary>
    public Tensor Weight { get; }

    /// <summary>Bias (out).</summary>
    public Tensor Bias { get; }

    /// <summary>y = x·wᵀ + b; x: (N, in) → (N, out).</summary>
    public Tensor Forward(Tensor x) => Functional.Linear(x, Weight, Bias);
}
