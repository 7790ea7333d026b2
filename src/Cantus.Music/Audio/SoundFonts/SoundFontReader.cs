using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// Reads the RIFF 'sfbk' form of SoundFont 2.04 section 4: an INFO list (ifil version, INAM name),
/// an sdta list (16-bit smpl data; the optional sm24 low bytes are skipped, section 6.2) and a
/// pdta list (<see cref="PdtaReader"/>). Limits of <see cref="SoundFontReadOptions"/> apply
/// before any allocation.
/// </summary>
internal static class SoundFontReader
{
    /// <summary>Extra zero sample points after the data so that interpolation may read one point past any end.</summary>
    public const int GuardPoints = 8;

    public static SoundFont Read(Stream stream, SoundFontReadOptions options)
    {
        var riff = new RiffReader(stream);
        var remaining = riff.Remaining;
        Span<byte> head = stackalloc byte[12];
        if (remaining < 12) throw new SoundFontFormatException($"The file is {remaining} bytes long, too short for a RIFF header (12 bytes).");
        riff.ReadExactly(head, "RIFF header");
        if (!head[..4].SequenceEqual("RIFF"u8)) throw new SoundFontFormatException("Not a RIFF file: expected 'RIFF' at offset 0.");
        if (!head[8..12].SequenceEqual("sfbk"u8)) throw new SoundFontFormatException("Not a SoundFont: the RIFF form type at offset 8 is not 'sfbk'.");
        long formSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        if (formSize + 8 > options.MaxFileBytes)
        {
            throw new SoundFontFormatException($"RIFF 'sfbk' declares {formSize + 8} bytes, more than the limit of {options.MaxFileBytes} bytes.");
        }

        if (formSize - 4 > riff.Remaining)
        {
            throw new SoundFontFormatException($"RIFF 'sfbk' declares {formSize} bytes, but the file ends after {riff.Remaining + 4}: the file is truncated.");
        }

        var end = formSize + 8;
        string name = "", version = "";
        short[]? samples = null;
        var sampleCount = 0;
        Preset[]? presets = null;
        while (end - riff.Position >= 8)
        {
            var chunk = riff.ReadChunk(end, "RIFF 'sfbk'");
            if (chunk.Id != "LIST" || chunk.Size < 4)
            {
                riff.SkipTo(chunk.PaddedEnd, $"chunk '{chunk.Id}'");
                continue;
            }

            var listEnd = chunk.BodyOffset + chunk.Size;
            var type = riff.ReadFourCc($"LIST at offset {chunk.BodyOffset - 8}");
            switch (type)
            {
                case "INFO":
                    (name, version) = ReadInfo(riff, listEnd);
                    break;
                case "sdta":
                    (samples, sampleCount) = ReadSampleData(riff, listEnd);
                    break;
                case "pdta":
                    if (samples is null) throw new SoundFontFormatException("LIST 'pdta' comes before LIST 'sdta' (section 4.4 requires INFO, sdta, pdta in order).");
                    presets = PdtaReader.Read(riff, listEnd, sampleCount, options);
                    break;
            }

            riff.SkipTo(Math.Min(chunk.PaddedEnd, end), $"LIST '{type}'");
        }

        if (version.Length == 0) throw new SoundFontFormatException("LIST 'INFO' with the mandatory 'ifil' version chunk is missing.");
        if (samples is null) throw new SoundFontFormatException("LIST 'sdta' with the 'smpl' sample data is missing.");
        if (presets is null) throw new SoundFontFormatException("LIST 'pdta' (presets, instruments, samples) is missing.");
        return new SoundFont(name, version, samples, presets, isFallback: false);
    }

    private static (string Name, string Version) ReadInfo(RiffReader riff, long end)
    {
        string name = "", version = "";
        Span<byte> v = stackalloc byte[4];
        while (end - riff.Position >= 8)
        {
            var chunk = riff.ReadChunk(end, "LIST 'INFO'");
            if (chunk.Id == "ifil")
            {
                if (chunk.Size != 4) throw new SoundFontFormatException($"INFO 'ifil': size {chunk.Size}, expected 4.");
                riff.ReadExactly(v, "INFO 'ifil'");
                var major = BinaryPrimitives.ReadUInt16LittleEndian(v);
                var minor = BinaryPrimitives.ReadUInt16LittleEndian(v[2..]);
                if (major != 2) throw new SoundFontFormatException($"INFO 'ifil': version {major}.{minor:D2} is not supported; only SoundFont 2.x files can be read.");
                version = $"{major}.{minor:D2}";
            }
            else if (chunk.Id == "INAM" && chunk.Size <= 256)
            {
                var bytes = new byte[chunk.Size];
                riff.ReadExactly(bytes, "INFO 'INAM'");
                name = RiffReader.FixedString(bytes);
            }

            riff.SkipTo(Math.Min(chunk.PaddedEnd, end), $"INFO '{chunk.Id}'");
        }

        return (name, version);
    }

    private static (short[] Data, int Count) ReadSampleData(RiffReader riff, long end)
    {
        short[]? data = null;
        var count = 0;
        while (end - riff.Position >= 8)
        {
            var chunk = riff.ReadChunk(end, "LIST 'sdta'");
            if (chunk.Id == "smpl")
            {
                if (data is not null) throw new SoundFontFormatException("sdta: 'smpl' appears twice.");
                if ((chunk.Size & 1) != 0) throw new SoundFontFormatException($"sdta 'smpl': size {chunk.Size} is odd, but samples are 16-bit.");
                count = (int)Math.Min(chunk.Size / 2, int.MaxValue - GuardPoints);
                data = new short[count + GuardPoints];
                riff.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan(0, count)), "sdta 'smpl'");
                if (!BitConverter.IsLittleEndian)
                {
                    for (var i = 0; i < count; i++) data[i] = BinaryPrimitives.ReverseEndianness(data[i]);
                }
            }

            // sm24 (section 6.2) adds 8 low bits per point; 16 bits are enough for rendering, so it is skipped.
            riff.SkipTo(Math.Min(chunk.PaddedEnd, end), $"sdta '{chunk.Id}'");
        }

        if (data is null) throw new SoundFontFormatException("LIST 'sdta' has no 'smpl' chunk.");
        return (data, count);
    }
}
