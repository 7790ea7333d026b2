using System.Buffers.Binary;

namespace Cantus.Tensors.Serialization;

/// <summary>The safetensors dtypes this reader converts to float32, with their sizes.</summary>
internal static class SafeTensorsDType
{
    /// <summary>Size in bytes of a supported dtype, or 0 when unsupported.</summary>
    public static int Size(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" => 1,
        _ => 0,
    };

    /// <summary>Converts little-endian elements of <paramref name="dtype"/> to float.</summary>
    public static void ToFloat(string dtype, ReadOnlySpan<byte> src, Span<float> dst)
    {
        if (dtype == "F32" && BitConverter.IsLittleEndian)
        {
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(src[..(4 * dst.Length)]).CopyTo(dst);
            return;
        }
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = dtype switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(src[(4 * i)..]),
                "F64" => (float)BinaryPrimitives.ReadDoubleLittleEndian(src[(8 * i)..]),
                "F16" => (float)BitConverter.Int16BitsToHalf(BinaryPrimitives.ReadInt16LittleEndian(src[(2 * i)..])),
                "BF16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(src[(2 * i)..]) << 16),
                "I64" => BinaryPrimitives.ReadInt64LittleEndian(src[(8 * i)..]),
                "U64" => BinaryPrimitives.ReadUInt64LittleEndian(src[(8 * i)..]),
                "I32" => BinaryPrimitives.ReadInt32LittleEndian(src[(4 * i)..]),
                "U32" => BinaryPrimitives.ReadUInt32LittleEndian(src[(4 * i)..]),
                "I16" => BinaryPrimitives.ReadInt16LittleEndian(src[(2 * i)..]),
                "U16" => BinaryPrimitives.ReadUInt16LittleEndian(src[(2 * i)..]),
                "I8" => (sbyte)src[i],
                "U8" => src[i],
                "BOOL" => src[i] != 0 ? 1f : 0f,
                _ => throw new InvalidOperationException($"dtype {dtype} is not supported."),
            };
        }
    }
}
