namespace Cantus.Tensors;

/// <summary>
/// An opt-in arena for op results: while a scope is open on a thread, every tensor an op
/// creates on that thread takes its storage from a pool of arrays (by length), and when the
/// scope is disposed those arrays go back to the pool, so a training loop that opens one scope
/// per step allocates nothing in steady state. Tensors from an ended scope throw
/// <see cref="ObjectDisposedException"/> on access (never silently read recycled memory);
/// keep a result with <see cref="Keep"/> or <see cref="Tensor.Clone"/>. Parameters, their
/// gradients (<see cref="Tensor.Backward"/> copies them out), optimizer state and tensors
/// made by <c>Tensor.Zeros/FromArray/...</c> are never recycled.
/// </summary>
/// <example><code>
/// using (var scope = TensorScope.Begin())
/// {
///     var loss = critic.Forward(x, c).Mean();
///     loss.Backward();
///     adam.Step();
///     lossValue = loss.Item();
/// }
/// </code></example>
public sealed class TensorScope : IDisposable
{
    private static readonly Dictionary<int, Stack<float[]>> s_pool = [];
    [ThreadStatic] private static TensorScope? t_current;

    private readonly TensorScope? _parent;
    private readonly List<TensorStorage> _owned = [];
    private readonly HashSet<TensorStorage> _kept = new(ReferenceEqualityComparer.Instance);
    private bool _disposed;

    private TensorScope(TensorScope? parent) => _parent = parent;

    /// <summary>Opens a scope on the current thread (scopes nest; the innermost collects).</summary>
    public static TensorScope Begin() => t_current = new TensorScope(t_current);

    /// <summary>Keeps <paramref name="tensor"/> (and its views) alive past this scope; it moves to the enclosing scope, if any.</summary>
    /// <returns>The same tensor.</returns>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _kept.Add(tensor.Storage);
        return tensor;
    }

    /// <summary>Returns the arrays of every tensor created in this scope and not kept to the pool.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (t_current == this) t_current = _parent;
        lock (s_pool)
        {
            foreach (var storage in _owned)
            {
                if (_kept.Contains(storage) || storage.Array is not { } array) continue;
                storage.Array = null;
                if (!s_pool.TryGetValue(array.Length, out var stack)) s_pool[array.Length] = stack = new Stack<float[]>();
                stack.Push(array);
            }
        }
        if (_parent is { _disposed: false } parent)
            foreach (var storage in _owned)
                if (_kept.Contains(storage)) parent._owned.Add(storage);
    }

    /// <summary>
    /// Lets the garbage collector have the arrays waiting in the pool (arrays in use are not in it):
    /// after one-off work of unusual sizes, e.g. timing a training configuration, so that its
    /// arrays are not held for the life of the process. Scopes still open simply allocate again.
    /// </summary>
    public static void TrimPool()
    {
        lock (s_pool) s_pool.Clear();
    }

    /// <summary>Storage for an op result: pooled inside a scope, a fresh uninitialised array otherwise.</summary>
    internal static TensorStorage Allocate(int length)
    {
        var scope = t_current;
        if (scope is null) return new TensorStorage(GC.AllocateUninitializedArray<float>(length));
        float[]? array = null;
        lock (s_pool)
        {
            if (s_pool.TryGetValue(length, out var stack) && stack.Count > 0) array = stack.Pop();
        }
        var storage = new TensorStorage(array ?? GC.AllocateUninitializedArray<float>(length));
        scope._owned.Add(storage);
        return storage;
    }
}
