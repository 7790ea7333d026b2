using System.Buffers.Binary;
using System.Text.Json;

namespace Cantus.Tensors.Serialization;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors): an 8-byte
/// little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
/// <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (offsets relative to the data
/// section) plus an optional <c>"__metadata__"</c> string map, then the data. Readers
/// validate as the reference implementation does: the header is a JSON object within the
/// length cap, each entry's byte range matches its dtype and shape, and the ranges tile the
/// data section exactly (no gaps, no overlaps, nothing outside the file).
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";

    /// <summary>Reads a safetensors file.</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the entry and offsets.</exception>
    public static SafeTensorsContent ReadFile(string path, SafeTensorsLimits? limits = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, limits);
    }

    /// <summary>Reads safetensors from a stream (read to its end).</summary>
    /// <exception cref="InvalidDataException">The content is malformed or exceeds <paramref name="limits"/>.</exception>
    public static SafeTensorsContent Read(Stream stream, SafeTensorsLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= SafeTensorsLimits.Default;
        Span<byte> prefix = stackalloc byte[8];
        int got = stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false);
        if (got < 8) throw new InvalidDataException($"safetensors: file of {got} bytes is too short for the 8-byte header length.");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > (ulong)limits.MaxHeaderBytes) throw new InvalidDataException($"safetensors: header length {n} exceeds the limit of {limits.MaxHeaderBytes} bytes.");
        if (stream.CanSeek && (long)n > stream.Length - 8) throw new InvalidDataException($"safetensors: header length {n} runs past the end of the {stream.Length}-byte file.");
        var header = new byte[(int)n];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new InvalidDataException($"safetensors: header length {n} runs past the end of the file.");
        var entries = ParseHeader(header, limits, out var metadata);
        long dataLength = entries.Count == 0 ? 0 : entries.Max(e => e.End);
        if (stream.CanSeek && stream.Length - stream.Position != dataLength)
            throw new InvalidDataException($"safetensors: data section is {stream.Length - stream.Position} bytes but the header describes {dataLength}.");
        var data = stream.CanSeek ? ReadExactly(stream, dataLength) : ReadGrowing(stream, dataLength);

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var dtypes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var t = Tensor.Zeros(new TensorShape(e.Shape));
            SafeTensorsDType.ToFloat(e.DType, data.AsSpan((int)e.Begin, (int)(e.End - e.Begin)), t.Span);
            tensors[e.Name] = t;
            dtypes[e.Name] = e.DType;
        }
        return new SafeTensorsContent(tensors, metadata, dtypes);
    }

    /// <summary>The tensor names in the header of the safetensors in <paramref name="stream"/>, without reading the data.</summary>
    /// <exception cref="InvalidDataException">The header is malformed or exceeds <paramref name="limits"/>.</exception>
    public static IReadOnlyList<string> ReadHeaderNames(Stream stream, SafeTensorsLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= SafeTensorsLimits.Default;
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8) throw new InvalidDataException("safetensors: too short for the 8-byte header length.");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > (ulong)limits.MaxHeaderBytes) throw new InvalidDataException($"safetensors: header length {n} exceeds the limit of {limits.MaxHeaderBytes} bytes.");
        var header = new byte[(int)n];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new InvalidDataException($"safetensors: header length {n} runs past the end of the file.");
        return ParseHeader(header, limits, out _).Select(e => e.Name).ToList();
    }

    /// <summary>Reads safetensors from bytes.</summary>
    /// <exception cref="InvalidDataException">The content is malformed or exceeds <paramref name="limits"/>.</exception>
    public static SafeTensorsContent Read(byte[] bytes, SafeTensorsLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var ms = new MemoryStream(bytes, writable: false);
        return Read(ms, limits);
    }

    /// <summary>
    /// Writes tensors as F32 in name order (ordinal), the header padded with spaces to a
    /// multiple of 8 bytes so the data is aligned.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or reserved.</exception>
    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        using var json = new MemoryStream();
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                if (string.IsNullOrEmpty(name) || name == MetadataKey) throw new ArgumentException($"Tensor name '{name}' is empty or reserved.", nameof(tensors));
                var t = tensors[name];
                w.WriteStartObject(name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (int d in t.Shape.Dimensions) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset += 4L * t.Count);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        int pad = (int)((8 - json.Length % 8) % 8);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)(json.Length + pad));
        stream.Write(prefix);
        stream.Write(json.GetBuffer().AsSpan(0, (int)json.Length));
        for (int i = 0; i < pad; i++) stream.WriteByte((byte)' ');
        foreach (var name in names)
        {
            var values = tensors[name].AsReadOnlySpan();
            var bytes = new byte[4 * values.Length];
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
            stream.Write(bytes);
        }
    }

    /// <summary>Writes a safetensors file (see <see cref="Write"/>).</summary>
    public static void WriteFile(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = File.Create(path);
        Write(stream, tensors, metadata);
    }

    private static byte[] ReadExactly(Stream stream, long length)
    {
        var data = new byte[length];
        if (stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false) < data.Length)
            throw new InvalidDataException($"safetensors: data section ends before offset {length}.");
        return data;
    }

    /// <summary>
    /// Reads a non-seekable stream in chunks, so that a header claiming a large data section
    /// costs memory only for the bytes that actually arrive.
    /// </summary>
    private static byte[] ReadGrowing(Stream stream, long length)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 20];
        while (buffer.Length <= length)
        {
            int n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, length + 1 - buffer.Length));
            if (n == 0) break;
            buffer.Write(chunk, 0, n);
        }
        if (buffer.Length < length) throw new InvalidDataException($"safetensors: data section ends at offset {buffer.Length}, before {length}.");
        if (buffer.Length > length) throw new InvalidDataException($"safetensors: bytes follow the {length}-byte data section the header describes.");
        return buffer.ToArray();
    }

    private sealed record Entry(string Name, string DType, int[] Shape, long Begin, long End);

    private static List<Entry> ParseHeader(byte[] header, SafeTensorsLimits limits, out IReadOnlyDictionary<string, string> metadata)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        metadata = meta;
        var entries = new List<Entry>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"safetensors: header is not valid JSON ({ex.Message}).", ex);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidDataException("safetensors: header is not a JSON object.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(prop.Name)) throw new InvalidDataException($"safetensors: header names '{prop.Name}' twice.");
                if (prop.Name == MetadataKey)
                {
                    if (prop.Value.ValueKind != JsonValueKind.Object) throw new InvalidDataException("safetensors: __metadata__ is not an object.");
                    foreach (var m in prop.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) throw new InvalidDataException($"safetensors: __metadata__ value '{m.Name}' is not a string.");
                        meta[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                if (entries.Count >= limits.MaxTensors) throw new InvalidDataException($"safetensors: more than {limits.MaxTensors} tensors.");
                entries.Add(ParseEntry(prop.Name, prop.Value, limits));
            }
        }
        // The ranges must tile [0, end) exactly: sorted by begin, each starts where the last ended.
        long expected = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin < expected) throw new InvalidDataException($"safetensors: tensor '{e.Name}' at offsets [{e.Begin}, {e.End}) overlaps the previous tensor ending at {expected}.");
            if (e.Begin > expected) throw new InvalidDataException($"safetensors: gap in the data section before tensor '{e.Name}' at offset {e.Begin} (expected {expected}).");
            expected = e.End;
        }
        if (expected > limits.MaxDataBytes) throw new InvalidDataException($"safetensors: data section of {expected} bytes exceeds the limit of {limits.MaxDataBytes}.");
        return entries;
    }

    private static Entry ParseEntry(string name, JsonElement e, SafeTensorsLimits limits)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"safetensors: entry '{name}' is not an object.");
        if (!e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String) throw new InvalidDataException($"safetensors: entry '{name}' has no string 'dtype'.");
        string dtype = dt.GetString()!;
        int size = SafeTensorsDType.Size(dtype);
        if (size == 0) throw new InvalidDataException($"safetensors: entry '{name}' has unsupported dtype '{dtype}'.");
        if (!e.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"safetensors: entry '{name}' has no 'shape' array.");
        if (sh.GetArrayLength() > limits.MaxRank) throw new InvalidDataException($"safetensors: entry '{name}' has rank {sh.GetArrayLength()} above the limit {limits.MaxRank}.");
        var shape = new int[sh.GetArrayLength()];
        long count = 1;
        int i = 0;
        foreach (var d in sh.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int v) || v < 0) throw new InvalidDataException($"safetensors: entry '{name}' has an invalid dimension in its shape.");
            shape[i++] = v;
            count *= v;
            if (count > TensorShape.MaxElements) throw new InvalidDataException($"safetensors: entry '{name}' has more than {TensorShape.MaxElements} elements.");
        }
        if (!e.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw new InvalidDataException($"safetensors: entry '{name}' has no 'data_offsets' pair.");
        if (!off[0].TryGetInt64(out long begin) || !off[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw new InvalidDataException($"safetensors: entry '{name}' has invalid data_offsets.");
        if (end - begin != count * size)
            throw new InvalidDataException($"safetensors: entry '{name}' spans {end - begin} bytes at [{begin}, {end}) but {dtype} {Format(shape)} needs {count * size}.");
        return new Entry(name, dtype, shape, begin, end);
    }

    private static string Format(int[] shape) => "(" + string.Join(", ", shape) + ")";
}
