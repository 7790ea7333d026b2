namespace Cantus.Tensors.Nn;

/// <summary>
/// A layer or network with named parameters (trainable leaves), buffers (state that is
/// saved but not trained, e.g. running statistics) and child modules. Names follow
/// PyTorch's state dict: <c>child.grandchild.weight</c>.
/// </summary>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];

    /// <summary>Whether the module is in training mode (batch statistics, dropout); true by default.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Sets training mode on this module and all descendants.</summary>
    public void Train(bool training = true)
    {
        Training = training;
        foreach (var child in _children) child.Value.Train(training);
    }

    /// <summary>Sets evaluation mode (Train(false)).</summary>
    public void Eval() => Train(false);

    /// <summary>Registers a trainable parameter under <paramref name="name"/> and marks it as requiring grad.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains '.', or is taken.</exception>
    protected Tensor RegisterParameter(string name, Tensor value)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(value);
        value.RequiresGrad = true;
        _parameters.Add(new(name, value));
        return value;
    }

    /// <summary>Registers a buffer (saved, not trained) under <paramref name="name"/>.</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(value);
        _buffers.Add(new(name, value));
        return value;
    }

    /// <summary>Registers a child module under <paramref name="name"/>.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(module);
        _children.Add(new(name, module));
        return module;
    }

    /// <summary>All parameters with their dotted names, depth first in registration order.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters() => Named(m => m._parameters, "");

    /// <summary>All buffers with their dotted names.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers() => Named(m => m._buffers, "");

    /// <summary>All parameters (the tensors an optimizer updates).</summary>
    public IReadOnlyList<Tensor> Parameters() => NamedParameters().Select(p => p.Value).ToList();

    /// <summary>Parameters then buffers by name, sharing storage with the module (as PyTorch's state_dict()).</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var d = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var p in NamedParameters()) d.Add(p.Key, p.Value);
        foreach (var b in NamedBuffers()) d.Add(b.Key, b.Value);
        return d;
    }

    /// <summary>
    /// Copies values into the parameters and buffers by name. With <paramref name="strict"/>
    /// every name must be present in both directions.
    /// </summary>
    /// <exception cref="InvalidDataException">A name is missing or unexpected, or a shape differs.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateDict();
        if (strict)
        {
            var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new InvalidDataException($"State dict does not match the module: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}].");
        }
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var source)) continue;
            if (source.Count != target.Count || (source.Rank != 0 && !source.Shape.Equals(target.Shape)))
                throw new InvalidDataException($"State dict entry '{name}' has shape {source.Shape}; the module expects {target.Shape}.");
            target.CopyFrom(source.AsReadOnlySpan());
        }
    }

    /// <summary>Clears the accumulated gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in NamedParameters()) p.Value.Grad = null;
    }

    private IEnumerable<KeyValuePair<string, Tensor>> Named(Func<Module, List<KeyValuePair<string, Tensor>>> select, string prefix)
    {
        foreach (var item in select(this)) yield return new(prefix + item.Key, item.Value);
        foreach (var child in _children)
            foreach (var item in child.Value.Named(select, prefix + child.Key + "."))
                yield return item;
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.', StringComparison.Ordinal)) throw new ArgumentException($"Name '{name}' must not contain '.'.", nameof(name));
        if (_parameters.Any(p => p.Key == name) || _buffers.Any(b => b.Key == name) || _children.Any(c => c.Key == name))
            throw new ArgumentException($"Name '{name}' is already registered.", nameof(name));
    }
}
