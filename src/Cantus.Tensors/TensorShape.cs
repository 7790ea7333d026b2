namespace Cantus.Tensors;

/// <summary>
/// The immutable shape of a <see cref="Tensor"/>: its dimensions, outermost first (row-major,
/// NCHW for images). A shape of rank 0 is a scalar with one element.
/// </summary>
public sealed class TensorShape : IEquatable<TensorShape>
{
    /// <summary>The largest element count a tensor may have (one .NET array of floats).</summary>
    public const int MaxElements = int.MaxValue / 2;

    private readonly int[] _dims;

    /// <summary>Creates a shape from its dimensions.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the element count exceeds <see cref="MaxElements"/>.</exception>
    public TensorShape(params ReadOnlySpan<int> dims)
    {
        _dims = dims.ToArray();
        long count = 1;
        foreach (int d in _dims)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(dims));
            count *= d;
            if (count > MaxElements) throw new ArgumentOutOfRangeException(nameof(dims), $"Shape {Format(_dims)} has more than {MaxElements} elements.");
        }
        ElementCount = (int)count;
    }

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Product of the dimensions (1 for a scalar).</summary>
    public int ElementCount { get; }

    /// <summary>Size of dimension <paramref name="axis"/>; a negative axis counts from the end.</summary>
    public int this[int axis] => _dims[NormalizeAxis(axis)];

    /// <summary>The dimensions as a read-only span.</summary>
    public ReadOnlySpan<int> Dimensions => _dims;

    /// <summary>A copy of the dimensions.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <summary>Maps a possibly negative axis to 0..Rank-1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside -Rank..Rank-1.</exception>
    public int NormalizeAxis(int axis)
    {
        int a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank) throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis out of range for shape {this}.");
        return a;
    }

    /// <summary>Row-major strides in elements.</summary>
    internal int[] Strides()
    {
        var s = new int[Rank];
        int acc = 1;
        for (int i = Rank - 1; i >= 0; i--) { s[i] = acc; acc *= _dims[i]; }
        return s;
    }

    /// <summary>
    /// The NumPy broadcast of two shapes: align trailing dimensions; each pair must be equal
    /// or one of them 1.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static TensorShape Broadcast(TensorShape a, TensorShape b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Equals(b)) return a;
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a._dims[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b._dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1) throw new ArgumentException($"Shapes {a} and {b} do not broadcast.");
            dims[i] = da == 1 ? db : da;
        }
        return new TensorShape(dims);
    }

    /// <inheritdoc/>
    public bool Equals(TensorShape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Formats as "(2, 3, 4)".</summary>
    public override string ToString() => Format(_dims);

    private static string Format(int[] dims) => "(" + string.Join(", ", dims) + ")";
}
