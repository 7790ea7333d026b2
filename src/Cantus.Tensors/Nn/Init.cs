namespace Cantus.Tensors.Nn;

/// <summary>
/// Weight initialisers, in place, from a <see cref="SeededRandom"/>. Fans follow PyTorch's
/// <c>_calculate_fan_in_and_fan_out</c>: for (out, in, kh, kw) fan_in = in·kh·kw and
/// fan_out = out·kh·kw; for (out, in) fan_in = in, fan_out = out.
/// </summary>
public static class Init
{
    /// <summary>(fan_in, fan_out) of a weight of rank ≥ 2.</summary>
    /// <exception cref="ArgumentException">The tensor has rank below 2.</exception>
    public static (int FanIn, int FanOut) Fans(TensorShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Rank < 2) throw new ArgumentException($"Fans need a weight of rank ≥ 2; got {shape}.", nameof(shape));
        int receptive = 1;
        for (int i = 2; i < shape.Rank; i++) receptive *= shape[i];
        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>Glorot (Xavier) uniform, Keras' default: U(−l, l), l = √(6 / (fan_in + fan_out)).</summary>
    public static void GlorotUniform(Tensor weight, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var (fanIn, fanOut) = Fans(weight.Shape);
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        Uniform(weight, -limit, limit, random);
    }

    /// <summary>
    /// PyTorch's default for Conv2d/Linear weights, kaiming_uniform(a = √5): U(−b, b) with
    /// b = √(6 / ((1 + a²)·fan_in)) = 1/√fan_in.
    /// </summary>
    public static void KaimingUniformDefault(Tensor weight, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var (fanIn, _) = Fans(weight.Shape);
        float bound = 1f / MathF.Sqrt(fanIn);
        Uniform(weight, -bound, bound, random);
    }

    /// <summary>PyTorch's default bias for Conv2d/Linear: U(−1/√fan_in, 1/√fan_in) with the weight's fan_in.</summary>
    public static void BiasDefault(Tensor bias, TensorShape weightShape, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(bias);
        var (fanIn, _) = Fans(weightShape);
        float bound = fanIn > 0 ? 1f / MathF.Sqrt(fanIn) : 0f;
        Uniform(bias, -bound, bound, random);
    }

    /// <summary>Fills with U(low, high).</summary>
    public static void Uniform(Tensor t, float low, float high, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(random);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = random.NextUniform(low, high);
    }

    /// <summary>Fills with N(mean, std²).</summary>
    public static void Normal(Tensor t, float mean, float std, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(random);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = (float)(mean + std * random.NextNormal());
    }

    /// <summary>Fills with N(mean, std²) truncated at two standard deviations (Keras TruncatedNormal).</summary>
    public static void TruncatedNormal(Tensor t, float mean, float std, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(random);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = random.NextTruncatedNormal(mean, std);
    }

    /// <summary>Fills with zeros.</summary>
    public static void Zeros(Tensor t) => (t ?? throw new ArgumentNullException(nameof(t))).Fill(0f);
}
