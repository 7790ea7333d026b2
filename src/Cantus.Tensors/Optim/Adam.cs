using System.Globalization;

namespace Cantus.Tensors.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) exactly as PyTorch's single-tensor implementation:
/// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − (lr/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
/// State (step count and the moments per parameter) can be saved and restored.
/// </summary>
public sealed class Adam
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters;
    private readonly Dictionary<string, (Tensor M, Tensor V)> _moments = new(StringComparer.Ordinal);

    /// <summary>Creates the optimizer over named parameters (names key the saved state).</summary>
    /// <exception cref="ArgumentException">Names repeat, or a hyper-parameter is out of range.</exception>
    public Adam(IEnumerable<KeyValuePair<string, Tensor>> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(learningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Learning rate must be ≥ 0.");
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "β₁ must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "β₂ must be in [0, 1).");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be ≥ 0.");
        _parameters = parameters.ToList();
        if (_parameters.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() != _parameters.Count)
            throw new ArgumentException("Parameter names must be unique.", nameof(parameters));
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        foreach (var (name, p) in _parameters) _moments[name] = (Tensor.Zeros(p.Shape), Tensor.Zeros(p.Shape));
    }

    /// <summary>Learning rate (may be changed between steps).</summary>
    public float LearningRate { get; set; }

    /// <summary>β₁, decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>β₂, decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>ε in the denominator.</summary>
    public float Epsilon { get; }

    /// <summary>Number of steps taken (t).</summary>
    public long StepCount { get; private set; }

    /// <summary>Updates every parameter that has a gradient, in place.</summary>
    public void Step()
    {
        StepCount++;
        double bc1 = 1 - Math.Pow(Beta1, StepCount), bc2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, StepCount));
        float stepSize = (float)(LearningRate / bc1), b1 = Beta1, b2 = Beta2, eps = Epsilon, invBc2 = (float)bc2Sqrt;
        foreach (var (name, p) in _parameters)
        {
            if (p.Grad is null) continue;
            var (mt, vt) = _moments[name];
            var g = p.Grad.AsReadOnlySpan();
            Span<float> m = mt.Span, v = vt.Span, w = p.Span;
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = m[i] * b1 + g[i] * (1 - b1);
                v[i] = v[i] * b2 + g[i] * g[i] * (1 - b2);
                float denom = MathF.Sqrt(v[i]) / invBc2 + eps;
                w[i] -= stepSize * (m[i] / denom);
            }
        }
    }

    /// <summary>Clears the gradients of the optimised parameters.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.Value.Grad = null;
    }

    /// <summary>
    /// The state as named tensors: <c>{name}.exp_avg</c>, <c>{name}.exp_avg_sq</c> (PyTorch's
    /// names) and <c>step</c>, ready for safetensors. Tensors are copies.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var d = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["step"] = Tensor.Scalar(StepCount) };
        foreach (var (name, (m, v)) in _moments)
        {
            d[name + ".exp_avg"] = m.Clone();
            d[name + ".exp_avg_sq"] = v.Clone();
        }
        return d;
    }

    /// <summary>Restores a state saved by <see cref="StateDict"/>.</summary>
    /// <exception cref="InvalidDataException">An entry is missing, misshapen or the step is invalid.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGetValue("step", out var step) || step.Count != 1 || !(step.Item() >= 0) || step.Item() != MathF.Floor(step.Item()))
            throw new InvalidDataException("Adam state needs a non-negative integral 'step'.");
        foreach (var (name, (m, v)) in _moments)
        {
            Copy(state, name + ".exp_avg", m);
            Copy(state, name + ".exp_avg_sq", v);
        }
        StepCount = (long)step.Item();
    }

    private static void Copy(IReadOnlyDictionary<string, Tensor> state, string key, Tensor target)
    {
        if (!state.TryGetValue(key, out var t)) throw new InvalidDataException($"Adam state lacks '{key}'.");
        if (!t.Shape.Equals(target.Shape)) throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Adam state '{key}' has shape {t.Shape}; expected {target.Shape}."));
        target.CopyFrom(t.AsReadOnlySpan());
    }
}
