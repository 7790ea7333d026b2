using Cantus.Music.IO;
using Cantus.Tensors;
using Cantus.Tensors.Serialization;

namespace Cantus.Gan.Models;

/// <summary>Latent files for reproducible generation: safetensors with one tensor <c>z</c> of shape (W, C, h, w).</summary>
public static class LatentFile
{
    /// <summary>Name of the tensor.</summary>
    public const string TensorName = "z";

    /// <summary>Reads the latent.</summary>
    /// <exception cref="ModelFormatException">The file is not safetensors, has no rank-4 tensor <c>z</c>, or holds non-finite values.</exception>
    public static Tensor Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        SafeTensorsContent content;
        try
        {
            content = SafeTensors.ReadFile(path);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFormatException($"{path} is not a valid safetensors file: {ex.Message}", ex);
        }
        if (!content.Tensors.TryGetValue(TensorName, out var z) || z.Rank != 4)
            throw new ModelFormatException($"{path} has no tensor '{TensorName}' of shape (windows, channels, height, width).");
        foreach (var v in z.AsReadOnlySpan())
            if (!float.IsFinite(v)) throw new ModelFormatException($"{path}: tensor '{TensorName}' holds a non-finite value.");
        return z;
    }

    /// <summary>Writes <paramref name="z"/> atomically.</summary>
    public static void Write(string path, Tensor z)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(z);
        AtomicFile.Write(path, s => SafeTensors.Write(s, new Dictionary<string, Tensor> { [TensorName] = z }));
    }
}
