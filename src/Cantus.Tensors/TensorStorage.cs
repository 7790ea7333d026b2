namespace Cantus.Tensors;

/// <summary>
/// The float array behind a tensor and its views, with a version that in-place writes bump
/// so that derived data (packed weights) can be cached safely between writes.
/// </summary>
internal sealed class TensorStorage(float[] array)
{
    public float[] Array { get; } = array;

    public int Version { get; set; }
}
