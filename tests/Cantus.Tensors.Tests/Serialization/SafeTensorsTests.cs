using System.Buffers.Binary;
using System.Text;
using Cantus.Tensors.Serialization;

namespace Cantus.Tensors.Tests.Serialization;

/// <summary>safetensors round trips, files written by Python, and every malformed-header rule.</summary>
public sealed class SafeTensorsTests
{
    /// <summary>8-byte little-endian header length, the header text, then the data bytes.</summary>
    private static byte[] File(string header, byte[] data, long? declaredLength = null)
    {
        var h = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + h.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(declaredLength ?? h.Length));
        h.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + h.Length);
        return bytes;
    }

    private static string Error(byte[] bytes, SafeTensorsLimits? limits = null) =>
        Assert.Throws<InvalidDataException>(() => SafeTensors.Read(bytes, limits)).Message;

    [Fact]
    public void RoundTrip_TensorsShapesAndMetadata()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["d2.conv.weight"] = Tensor.FromArray([1, -2, 3.5f, 4, 5, 6], 3, 2, 1, 1),
            ["b2.running_mean"] = Tensor.FromArray([0.25f, -0.5f], 2),
            ["scalar"] = Tensor.Scalar(7),
            ["empty"] = Tensor.Zeros(0, 3),
        };
        using var ms = new MemoryStream();
        SafeTensors.Write(ms, tensors, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünï" });
        Assert.Equal(0, (ms.Length - 8 - BinaryPrimitives.ReadInt64LittleEndian(ms.ToArray())) % 4);
        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(ms.ToArray()) % 8); // header padded to 8
        var back = SafeTensors.Read(ms.ToArray());
        Assert.Equal(4, back.Tensors.Count);
        foreach (var (k, t) in tensors)
        {
            Assert.Equal(t.Shape, back.Tensors[k].Shape);
            Assert.Equal(t.ToArray(), back.Tensors[k].ToArray());
            Assert.Equal("F32", back.DataTypes[k]);
        }
        Assert.Equal("ünï", back.Metadata["note"]);
    }

    [Fact]
    public void Reads_PythonWrittenFixture() // written by make_fixtures.py's own writer
    {
        var c = SafeTensors.ReadFile(Path.Combine(AppContext.BaseDirectory, "ReferenceData", "PyTorch", "add.safetensors"));
        Assert.Equal(new TensorShape(2, 3, 4), c.Tensors["in.0"].Shape);
        Assert.Equal(new TensorShape(3, 1), c.Tensors["in.1"].Shape);
    }

    [Fact]
    public void Reads_OtherDTypes_AsFloat()
    {
        // I64 [3, -1] then F16 [1.5] then BF16 [-2]
        var data = new byte[8 * 2 + 2 + 2];
        BinaryPrimitives.WriteInt64LittleEndian(data, 3);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8), -1);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(16), BitConverter.HalfToInt16Bits((Half)1.5f));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(18), (ushort)(BitConverter.SingleToInt32Bits(-2f) >> 16));
        var c = SafeTensors.Read(File("""{"a":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},"h":{"dtype":"F16","shape":[],"data_offsets":[16,18]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[18,20]}}""", data));
        Assert.Equal([3f, -1f], c.Tensors["a"].ToArray());
        Assert.Equal(1.5f, c.Tensors["h"].Item());
        Assert.Equal(-2f, c.Tensors["b"].Item());
        Assert.Equal("I64", c.DataTypes["a"]);
    }

    [Fact]
    public void HugeHeaderLength_Rejected_BeforeAllocating() =>
        Assert.Contains("exceeds the limit", Error(File("{}", [], declaredLength: long.MaxValue)), StringComparison.Ordinal);

    [Fact]
    public void HeaderLongerThanFile_Rejected() =>
        Assert.Contains("past the end", Error(File("{}", [], declaredLength: 50)), StringComparison.Ordinal);

    [Fact]
    public void ConfigurableHeaderCap() =>
        Assert.Contains("exceeds the limit of 4", Error(File("{ }     ", []), new SafeTensorsLimits { MaxHeaderBytes = 4 }), StringComparison.Ordinal);

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"a":5}""", "'a' is not an object")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "twice")]
    [InlineData("""{"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,4]}}""", "unsupported dtype 'Q7'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", "invalid dimension")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", "data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", "needs 8")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}""", "overlaps")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "gap")]
    [InlineData("""{"__metadata__":{"k":1}}""", "not a string")]
    public void MalformedHeader_ClearError(string header, string expected)
    {
        var message = Error(File(header, new byte[8]));
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.StartsWith("safetensors:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurableDataAndCountLimits()
    {
        const string two = """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""";
        Assert.Contains("more than 1 tensors", Error(File(two, new byte[8]), new SafeTensorsLimits { MaxTensors = 1 }), StringComparison.Ordinal);
        Assert.Contains("exceeds the limit of 4", Error(File(two, new byte[8]), new SafeTensorsLimits { MaxDataBytes = 4 }), StringComparison.Ordinal);
        Assert.Contains("rank 2 above the limit 1",
            Error(File("""{"a":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]}}""", new byte[4]), new SafeTensorsLimits { MaxRank = 1 }), StringComparison.Ordinal);
    }

    [Fact]
    public void DataSectionSizeMismatch_Rejected()
    {
        // Header describes 4 bytes; the file carries 8 (trailing bytes) or 2 (truncated).
        const string h = """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""";
        Assert.Contains("describes 4", Error(File(h, new byte[8])), StringComparison.Ordinal);
        Assert.Contains("describes 4", Error(File(h, new byte[2])), StringComparison.Ordinal);
    }

    /// <summary>A stream that cannot seek, as a network body.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public void NonSeekableStream_RoundTripAndSizeErrors()
    {
        using var ms = new MemoryStream();
        SafeTensors.Write(ms, new Dictionary<string, Tensor> { ["w"] = Tensor.FromArray([1, 2, 3], 3) });
        var full = ms.ToArray();
        Assert.Equal([1f, 2f, 3f], SafeTensors.Read(new ForwardOnlyStream(full)).Tensors["w"].ToArray());
        Assert.Contains("ends at offset", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new ForwardOnlyStream(full[..^2]))).Message, StringComparison.Ordinal);
        Assert.Contains("bytes follow", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new ForwardOnlyStream([.. full, 0]))).Message, StringComparison.Ordinal);
        // A header claiming 1 GB over a tiny body fails without allocating the gigabyte.
        const string huge = """{"a":{"dtype":"U8","shape":[1000000000],"data_offsets":[0,1000000000]}}""";
        Assert.Contains("ends at offset 4", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new ForwardOnlyStream(File(huge, new byte[4])))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_AtEveryLength_NeverCrashes()
    {
        using var ms = new MemoryStream();
        SafeTensors.Write(ms, new Dictionary<string, Tensor> { ["w"] = Tensor.FromArray([1, 2, 3], 3) });
        var full = ms.ToArray();
        for (int n = 0; n < full.Length; n++)
            Assert.Throws<InvalidDataException>(() => SafeTensors.Read(full[..n]));
    }

    [Fact]
    public void ReservedName_RejectedOnWrite() =>
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(new MemoryStream(), new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Scalar(1) }));
}
