using System.Buffers.Binary;

namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// Reads the "hydra" of a SoundFont, the pdta LIST (SoundFont 2.04 section 7): nine record lists
/// that link presets to bags to generators, and instruments to bags to generators to samples.
/// Every index is checked here, once, so that playback never follows a bad index.
/// </summary>
internal static class PdtaReader
{
    private static readonly (string Id, int RecordSize)[] SubChunks =
    [
        ("phdr", 38), ("pbag", 4), ("pmod", 10), ("pgen", 4),
        ("inst", 22), ("ibag", 4), ("imod", 10), ("igen", 4), ("shdr", SampleHeader.RecordSize),
    ];

    /// <summary>Reads the pdta body that ends at <paramref name="end"/> and builds the presets.</summary>
    public static Preset[] Read(RiffReader riff, long end, int sampleDataLength, SoundFontReadOptions options)
    {
        var lists = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (end - riff.Position >= 8)
        {
            var chunk = riff.ReadChunk(end, "LIST 'pdta'");
            var spec = Array.Find(SubChunks, s => s.Id == chunk.Id);
            if (spec.Id is null)
            {
                riff.SkipTo(chunk.PaddedEnd, $"pdta sub-chunk '{chunk.Id}'");
                continue;
            }

            if (lists.ContainsKey(chunk.Id)) throw new SoundFontFormatException($"pdta: sub-chunk '{chunk.Id}' appears twice (second at offset {chunk.BodyOffset - 8}).");
            if (chunk.Size % spec.RecordSize != 0)
            {
                throw new SoundFontFormatException($"pdta '{chunk.Id}': chunk size {chunk.Size} is not a multiple of the {spec.RecordSize}-byte record size.");
            }

            if (chunk.Size / spec.RecordSize > options.MaxRecordsPerChunk)
            {
                throw new SoundFontFormatException($"pdta '{chunk.Id}': {chunk.Size / spec.RecordSize} records exceed the limit of {options.MaxRecordsPerChunk}.");
            }

            var body = new byte[chunk.Size];
            riff.ReadExactly(body, $"pdta '{chunk.Id}'");
            lists.Add(chunk.Id, body);
            riff.SkipTo(Math.Min(chunk.PaddedEnd, end), $"pdta '{chunk.Id}'");
        }

        foreach (var (id, _) in SubChunks)
        {
            if (!lists.ContainsKey(id)) throw new SoundFontFormatException($"pdta: required sub-chunk '{id}' is missing.");
        }

        var samples = ReadSamples(lists["shdr"], sampleDataLength);
        var instruments = ReadInstruments(lists["inst"], lists["ibag"], lists["igen"], lists["imod"].Length / 10, samples);
        return ReadPresets(lists["phdr"], lists["pbag"], lists["pgen"], lists["pmod"].Length / 10, instruments);
    }

    private static SampleHeader[] ReadSamples(byte[] shdr, int dataLength)
    {
        var count = shdr.Length / SampleHeader.RecordSize - 1;
        if (count < 0) throw new SoundFontFormatException("pdta 'shdr': the list is empty; it needs at least the terminal 'EOS' record.");
        var result = new SampleHeader[count];
        for (var i = 0; i < count; i++)
        {
            var r = shdr.AsSpan(i * SampleHeader.RecordSize, SampleHeader.RecordSize);
            var h = new SampleHeader(
                RiffReader.FixedString(r[..20]),
                ToInt(BinaryPrimitives.ReadUInt32LittleEndian(r[20..])),
                ToInt(BinaryPrimitives.ReadUInt32LittleEndian(r[24..])),
                ToInt(BinaryPrimitives.ReadUInt32LittleEndian(r[28..])),
                ToInt(BinaryPrimitives.ReadUInt32LittleEndian(r[32..])),
                ToInt(BinaryPrimitives.ReadUInt32LittleEndian(r[36..])),
                r[40],
                (sbyte)r[41],
                BinaryPrimitives.ReadUInt16LittleEndian(r[44..]));
            SampleValidator.Check(h, i, dataLength);
            result[i] = h;
        }

        return result;
    }

    private static int ToInt(uint value) => value > int.MaxValue ? int.MaxValue : (int)value;

    private static Instrument[] ReadInstruments(byte[] inst, byte[] ibag, byte[] igen, int modCount, SampleHeader[] samples)
    {
        var count = inst.Length / 22 - 1;
        if (count < 0) throw new SoundFontFormatException("pdta 'inst': the list is empty; it needs at least the terminal 'EOI' record.");
        var zones = ZoneReader.Read("inst", "ibag", "igen", inst, 22, 20, ibag, igen, modCount);
        var result = new Instrument[count];
        for (var i = 0; i < count; i++)
        {
            var name = RiffReader.FixedString(inst.AsSpan(i * 22, 20));
            var regions = new List<InstrumentRegion>();
            var global = GeneratorSet.InstrumentDefaults();
            for (var z = 0; z < zones[i].Length; z++)
            {
                var zone = zones[i][z];
                if (!zone.IsSet(GeneratorType.SampleId))
                {
                    // Section 7.9: a first zone without sampleID is the global zone; later ones are ignored.
                    if (z == 0) global = zone.Over(global);
                    continue;
                }

                var id = (ushort)zone[GeneratorType.SampleId];
                if (id >= samples.Length)
                {
                    throw new SoundFontFormatException($"pdta 'igen': instrument {i} ('{name}') zone {z} refers to sample {id}, but 'shdr' holds {samples.Length} samples.");
                }

                regions.Add(new InstrumentRegion(zone.Over(global), samples[id]));
            }

            result[i] = new Instrument(name, [.. regions]);
        }

        return result;
    }

    private static Preset[] ReadPresets(byte[] phdr, byte[] pbag, byte[] pgen, int modCount, Instrument[] instruments)
    {
        var count = phdr.Length / 38 - 1;
        if (count < 1) throw new SoundFontFormatException("pdta 'phdr': the file defines no presets (a SoundFont needs at least one preset and the terminal 'EOP' record).");
        var zones = ZoneReader.Read("phdr", "pbag", "pgen", phdr, 38, 24, pbag, pgen, modCount);
        var result = new Preset[count];
        for (var i = 0; i < count; i++)
        {
            var r = phdr.AsSpan(i * 38, 38);
            var name = RiffReader.FixedString(r[..20]);
            int program = BinaryPrimitives.ReadUInt16LittleEndian(r[20..]);
            int bank = BinaryPrimitives.ReadUInt16LittleEndian(r[22..]);
            var regions = new List<PresetRegion>();
            var global = GeneratorSet.PresetDefaults();
            for (var z = 0; z < zones[i].Length; z++)
            {
                var zone = zones[i][z];
                if (!zone.IsSet(GeneratorType.Instrument))
                {
                    if (z == 0) global = zone.Over(global);
                    continue;
                }

                var id = (ushort)zone[GeneratorType.Instrument];
                if (id >= instruments.Length)
                {
                    throw new SoundFontFormatException($"pdta 'pgen': preset {i} ('{name}') zone {z} refers to instrument {id}, but 'inst' holds {instruments.Length} instruments.");
                }

                regions.Add(new PresetRegion(zone.Over(global), instruments[id]));
            }

            result[i] = new Preset(name, bank, program, [.. regions]);
        }

        return result;
    }
}
