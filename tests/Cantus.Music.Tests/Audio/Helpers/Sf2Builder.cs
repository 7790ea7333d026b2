using System.Buffers.Binary;
using System.Text;

namespace Cantus.Music.Tests.Audio.Helpers;

/// <summary>
/// Writes tiny SoundFont 2 files for tests: one sample, one instrument with an optional global zone
/// and one local zone, and presets that play it. Every field can be overridden so tests can build
/// lopsided or deliberately malformed files (SoundFont 2.04 sections 4–7 for the layout).
/// </summary>
internal sealed class Sf2Builder
{
    /// <summary>Sample points of the single sample (default: 1000 points of a constant 16000, "DC").</summary>
    public short[] SampleData { get; set; } = Enumerable.Repeat((short)16000, 1000).ToArray();

    public int SampleRate { get; set; } = 44100;

    public byte OriginalPitch { get; set; } = 60;

    public sbyte PitchCorrection { get; set; }

    /// <summary>shdr start, end, loop start, loop end; null means 0, data length, 100, data length − 100.</summary>
    public (int Start, int End, int LoopStart, int LoopEnd)? SampleBounds { get; set; }

    /// <summary>Generators of the instrument's global zone (none when empty).</summary>
    public List<(int Oper, short Amount)> GlobalGenerators { get; } = [];

    /// <summary>Generators of the instrument's local zone; sampleID 0 is appended last unless <see cref="OmitSampleId"/>.</summary>
    public List<(int Oper, short Amount)> Generators { get; } = [(54, 1)];

    public bool OmitSampleId { get; set; }

    /// <summary>Sample index written in the sampleID generator.</summary>
    public short SampleId { get; set; }

    /// <summary>(bank, program) of each preset; each plays the single instrument.</summary>
    public List<(int Bank, int Program)> Presets { get; } = [(0, 0)];

    /// <summary>Generators added to each preset zone before the instrument generator.</summary>
    public List<(int Oper, short Amount)> PresetGenerators { get; } = [];

    /// <summary>Generators added to the zone of one preset only, keyed by (bank, program).</summary>
    public Dictionary<(int Bank, int Program), List<(int Oper, short Amount)>> PresetZoneGenerators { get; } = [];

    /// <summary>
    /// A sine of period 100 points (441 Hz at 44.1 kHz) over 1000 points, looped over whole periods
    /// [100, 900); with root key 69 it plays 441 Hz for A4.
    /// </summary>
    public static Sf2Builder Sine()
    {
        var builder = new Sf2Builder { OriginalPitch = 69 };
        builder.SampleData = [.. Enumerable.Range(0, 1000).Select(i => (short)Math.Round(16000 * Math.Sin(2 * Math.PI * i / 100)))];
        return builder;
    }

    /// <summary>Overrides the record size multiple of phdr by appending this many junk bytes.</summary>
    public int PhdrJunkBytes { get; set; }

    public byte[] Build()
    {
        var info = List("INFO", Chunk("ifil", [2, 0, 4, 0]), Chunk("INAM", Encoding.ASCII.GetBytes("Test\0\0")));
        var smpl = new byte[(SampleData.Length + 46) * 2];
        for (var i = 0; i < SampleData.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(smpl.AsSpan(i * 2), SampleData[i]);
        var sdta = List("sdta", Chunk("smpl", smpl));

        // Instrument zones: [global], local. Generators: global..., local..., terminal.
        var igen = new List<(int, short)>();
        var ibag = new List<(int Gen, int Mod)>();
        if (GlobalGenerators.Count > 0)
        {
            ibag.Add((igen.Count, 0));
            igen.AddRange(GlobalGenerators);
        }

        ibag.Add((igen.Count, 0));
        igen.AddRange(Generators);
        if (!OmitSampleId) igen.Add((53, SampleId));
        ibag.Add((igen.Count, 0));
        igen.Add((0, 0));

        var pgen = new List<(int, short)>();
        var pbag = new List<(int Gen, int Mod)>();
        var phdr = new List<byte[]>();
        foreach (var (bank, program) in Presets)
        {
            phdr.Add(PresetHeader($"P{bank}:{program}", program, bank, pbag.Count));
            pbag.Add((pgen.Count, 0));
            pgen.AddRange(PresetGenerators);
            if (PresetZoneGenerators.TryGetValue((bank, program), out var own)) pgen.AddRange(own);
            pgen.Add((41, 0));
        }

        phdr.Add(PresetHeader("EOP", 0, 0, pbag.Count));
        pbag.Add((pgen.Count, 0));
        pgen.Add((0, 0));

        var (start, end, loopStart, loopEnd) = SampleBounds ?? (0, SampleData.Length, 100, SampleData.Length - 100);
        var pdta = List("pdta",
            Chunk("phdr", [.. phdr.SelectMany(x => x), .. new byte[PhdrJunkBytes]]),
            Chunk("pbag", Bags(pbag)),
            Chunk("pmod", new byte[10]),
            Chunk("pgen", Gens(pgen)),
            Chunk("inst", [.. Name("Inst"), .. U16(0), .. Name("EOI"), .. U16(ibag.Count - 1)]),
            Chunk("ibag", Bags(ibag)),
            Chunk("imod", new byte[10]),
            Chunk("igen", Gens(igen)),
            Chunk("shdr", [.. SampleHeader("Sample", start, end, loopStart, loopEnd), .. SampleHeader("EOS", 0, 0, 0, 0)]));
        return Riff([.. info, .. sdta, .. pdta]);
    }

    private byte[] SampleHeader(string name, int start, int end, int loopStart, int loopEnd)
    {
        var r = new byte[46];
        Name(name).CopyTo(r, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(20), (uint)start);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(24), (uint)end);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(28), (uint)loopStart);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(32), (uint)loopEnd);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(36), (uint)SampleRate);
        r[40] = OriginalPitch;
        r[41] = (byte)PitchCorrection;
        BinaryPrimitives.WriteUInt16LittleEndian(r.AsSpan(44), 1); // mono
        return r;
    }

    private static byte[] PresetHeader(string name, int program, int bank, int bag) =>
        [.. Name(name), .. U16(program), .. U16(bank), .. U16(bag), .. new byte[12]];

    private static byte[] Bags(List<(int Gen, int Mod)> bags) => [.. bags.SelectMany(b => U16(b.Gen).Concat(U16(b.Mod)))];

    private static byte[] Gens(List<(int Oper, short Amount)> gens) => [.. gens.SelectMany(g => U16(g.Oper).Concat(U16((ushort)g.Amount)))];

    private static byte[] Name(string name)
    {
        var bytes = new byte[20];
        Encoding.ASCII.GetBytes(name).CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] U16(int value) => [(byte)value, (byte)(value >> 8)];

    public static byte[] Chunk(string id, byte[] body)
    {
        var result = new byte[8 + body.Length + (body.Length & 1)];
        Encoding.ASCII.GetBytes(id).CopyTo(result, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)body.Length);
        body.CopyTo(result, 8);
        return result;
    }

    public static byte[] List(string type, params byte[][] chunks) => Chunk("LIST", [.. Encoding.ASCII.GetBytes(type), .. chunks.SelectMany(c => c)]);

    public static byte[] Riff(byte[] body) => Chunk("RIFF", [.. "sfbk"u8.ToArray(), .. body]);
}
