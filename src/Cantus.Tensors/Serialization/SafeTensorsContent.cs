namespace Cantus.Tensors.Serialization;

/// <summary>What a safetensors file holds: named tensors (converted to float32) and the free-form <c>__metadata__</c>.</summary>
public sealed class SafeTensorsContent
{
    /// <summary>Creates the content.</summary>
    public SafeTensorsContent(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, string> dataTypes)
    {
        Tensors = tensors ?? throw new ArgumentNullException(nameof(tensors));
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        DataTypes = dataTypes ?? throw new ArgumentNullException(nameof(dataTypes));
    }

    /// <summary>Tensors by name, as float32.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The <c>__metadata__</c> string map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The dtype each tensor had in the file ("F32", "I64", ...).</summary>
    public IReadOnlyDictionary<string, string> DataTypes { get; }
}
