using Cantus.Tensors.Autograd;

namespace Cantus.Tensors;

/// <summary>
/// A dense float32 tensor, row-major (NCHW for images), always contiguous. A tensor may
/// carry an autograd <see cref="Node"/> recording the op that produced it, so gradients can
/// be taken with <see cref="Backward"/> or <c>Gradients.Grad</c>.
/// </summary>
/// <remarks>
/// Views made by <see cref="Reshape"/> share storage with their source. Ops never write into
/// their inputs; only <see cref="CopyFrom"/>, <see cref="Fill"/> and optimizers mutate data.
/// </remarks>
public sealed partial class Tensor
{
    private readonly TensorStorage _storage;

    internal Tensor(TensorShape shape, float[] data) : this(shape, new TensorStorage(data)) { }

    /// <summary>A tensor over existing storage (a view: reshape, detach).</summary>
    internal Tensor(TensorShape shape, TensorStorage storage)
    {
        int length = storage.Array?.Length ?? throw new ObjectDisposedException(nameof(Tensor), "A view of a tensor whose TensorScope has ended.");
        if (length < shape.ElementCount) throw new ArgumentException($"Storage of {length} floats is too small for shape {shape}.", nameof(storage));
        Shape = shape;
        _storage = storage;
    }

    /// <summary>
    /// A tensor with uninitialised storage, for op results the kernel overwrites entirely;
    /// inside a <see cref="TensorScope"/> the storage comes from (and returns to) its pool.
    /// </summary>
    internal Tensor(TensorShape shape) : this(shape, TensorScope.Allocate(shape.ElementCount)) { }

    /// <summary>The shape.</summary>
    public TensorShape Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Count => Shape.ElementCount;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>
    /// For a leaf tensor (a parameter or input): whether gradients flow to it. Setting it on a
    /// tensor produced by an op is not allowed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not a leaf.</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad || Node is not null;
        set
        {
            if (Node is not null) throw new InvalidOperationException("RequiresGrad can only be set on a leaf tensor; use Detach() first.");
            _requiresGrad = value;
        }
    }

    private bool _requiresGrad;

    /// <summary>The gradient accumulated by <see cref="Backward"/> on a leaf, or null.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>True when no op produced this tensor (a parameter, an input, a constant).</summary>
    public bool IsLeaf => Node is null;

    /// <summary>The op that produced this tensor, when recorded for autograd.</summary>
    internal Node? Node { get; set; }

    /// <summary>The storage array for kernels (reads, and writes into fresh results); its length may exceed <see cref="Count"/>.</summary>
    internal float[] Data => Values;

    /// <summary>The storage array; throws once a <see cref="TensorScope"/> has recycled it.</summary>
    private float[] Values => _storage.Array ?? throw new ObjectDisposedException(nameof(Tensor), $"This tensor {Shape} was created inside a TensorScope that has ended; call scope.Keep(tensor) or Clone() it inside the scope.");

    /// <summary>The shared storage (views share it; its version counts in-place writes).</summary>
    internal TensorStorage Storage => _storage;

    /// <summary>
    /// The elements as a writable span. Every access counts as an in-place modification
    /// (bumps the storage version), so caches derived from the values are invalidated.
    /// </summary>
    internal Span<float> Span
    {
        get
        {
            _storage.Version++;
            return Values.AsSpan(0, Count);
        }
    }

    /// <summary>The elements, read-only, in row-major order.</summary>
    public ReadOnlySpan<float> AsReadOnlySpan() => Values.AsSpan(0, Count);

    /// <summary>Creates a tensor holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">The value count differs from the shape's element count.</exception>
    public static Tensor FromSpan(ReadOnlySpan<float> values, params ReadOnlySpan<int> shape)
    {
        var s = new TensorShape(shape);
        if (values.Length != s.ElementCount) throw new ArgumentException($"{values.Length} values do not fill shape {s}.", nameof(values));
        return new Tensor(s, values.ToArray());
    }

    /// <summary>Creates a tensor holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">The value count differs from the shape's element count.</exception>
    public static Tensor FromArray(float[] values, params ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromSpan(values, shape);
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params ReadOnlySpan<int> shape) => Zeros(new TensorShape(shape));

    /// <summary>A tensor of zeros with the given shape.</summary>
    public static Tensor Zeros(TensorShape shape) =>
        new(shape ?? throw new ArgumentNullException(nameof(shape)), new float[shape.ElementCount]);

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params ReadOnlySpan<int> shape) => Full(1f, shape);

    /// <summary>A tensor whose elements all equal <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params ReadOnlySpan<int> shape)
    {
        var t = new Tensor(new TensorShape(shape));
        t.Span.Fill(value);
        return t;
    }

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(float value) => Full(value);

    /// <summary>A copy of the elements in row-major order.</summary>
    public float[] ToArray() => AsReadOnlySpan().ToArray();

    /// <summary>The single element of a one-element tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public float Item() => Count == 1 ? Values[0] : throw new InvalidOperationException($"Item() needs one element; shape is {Shape}.");

    /// <summary>Element at a multi-index (slow; for tests and diagnostics).</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public float this[params ReadOnlySpan<int> index]
    {
        get
        {
            if (index.Length != Rank) throw new ArgumentException($"Index of rank {index.Length} for shape {Shape}.", nameof(index));
            int offset = 0;
            for (int i = 0; i < index.Length; i++)
            {
                if ((uint)index[i] >= (uint)Shape[i]) throw new ArgumentOutOfRangeException(nameof(index), $"Index {index[i]} out of range on axis {i} of shape {Shape}.");
                offset = offset * Shape[i] + index[i];
            }
            return Values[offset];
        }
    }

    /// <summary>
    /// Overwrites the elements in place (for loading weights; not recorded by autograd).
    /// </summary>
    /// <exception cref="ArgumentException">The value count differs.</exception>
    public void CopyFrom(ReadOnlySpan<float> values)
    {
        if (values.Length != Count) throw new ArgumentException($"{values.Length} values for a tensor of shape {Shape}.", nameof(values));
        values.CopyTo(Span);
    }

    /// <summary>Sets every element to <paramref name="value"/> in place (not recorded by autograd).</summary>
    public void Fill(float value) => Span.Fill(value);

    /// <summary>A tensor sharing this one's storage but cut off from the autograd graph.</summary>
    public Tensor Detach() => new(Shape, _storage);

    /// <summary>A deep copy of the data, detached from the graph.</summary>
    public Tensor Clone() => new(Shape, ToArray());

    /// <summary>
    /// Back-propagates from this scalar: adds d(this)/d(leaf) into <see cref="Grad"/> of every
    /// leaf that requires grad and contributes to it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one element or no graph.</exception>
    public void Backward() => Gradients.Backward(this);

    /// <summary>Describes shape and, for small tensors, values.</summary>
    public override string ToString() =>
        Count <= 16
            ? $"Tensor{Shape} [{string.Join(", ", ToArray().Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}]"
            : $"Tensor{Shape}";
}
