namespace Cantus.Tensors;

/// <summary>
/// The float array behind a tensor and its views, with a version that in-place writes bump
/// so that derived data (packed weights) can be cached safely between writes, and that a
/// <see cref="TensorScope"/> can recycle (after which every tensor over it refuses access).
/// </summary>
internal sealed class TensorStorage(float[] array)
{
    /// <summary>The elements, or null once a <see cref="TensorScope"/> recycled the array.</summary>
    public float[]? Array { get; set; } = array;

    public int Version { get; set; }
}
