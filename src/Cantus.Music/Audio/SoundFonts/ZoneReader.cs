using System.Buffers.Binary;

namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// Turns a header list (phdr or inst), its bag list and its generator list into the generator
/// sets of each header's zones (SoundFont 2.04 sections 7.3–7.9). Checks that every index is
/// non-decreasing and stays inside the next list, terminal records included.
/// </summary>
internal static class ZoneReader
{
    /// <summary>Returns, for each non-terminal header, the generator sets of its zones in file order.</summary>
    public static GeneratorSet[][] Read(
        string headerId, string bagId, string genId,
        byte[] headers, int headerSize, int bagIndexOffset,
        byte[] bags, byte[] gens, int modCount)
    {
        var headerCount = headers.Length / headerSize;
        var bagCount = bags.Length / 4;
        var genCount = gens.Length / 4;
        if (bagCount < 1) throw new SoundFontFormatException($"pdta '{bagId}': the list is empty; it needs at least the terminal record.");

        var firstBag = new int[headerCount];
        for (var i = 0; i < headerCount; i++)
        {
            firstBag[i] = BinaryPrimitives.ReadUInt16LittleEndian(headers.AsSpan(i * headerSize + bagIndexOffset));
            if (i > 0 && firstBag[i] < firstBag[i - 1])
            {
                throw new SoundFontFormatException($"pdta '{headerId}': record {i} starts at bag {firstBag[i]}, before record {i - 1} (bag {firstBag[i - 1]}); bag indices must not decrease.");
            }
        }

        if (firstBag[^1] > bagCount - 1)
        {
            throw new SoundFontFormatException($"pdta '{headerId}': terminal record points to bag {firstBag[^1]}, but '{bagId}' holds {bagCount} records.");
        }

        var firstGen = new int[bagCount];
        for (var b = 0; b < bagCount; b++)
        {
            firstGen[b] = BinaryPrimitives.ReadUInt16LittleEndian(bags.AsSpan(b * 4));
            int mod = BinaryPrimitives.ReadUInt16LittleEndian(bags.AsSpan(b * 4 + 2));
            if (b > 0 && firstGen[b] < firstGen[b - 1])
            {
                throw new SoundFontFormatException($"pdta '{bagId}': record {b} starts at generator {firstGen[b]}, before record {b - 1} ({firstGen[b - 1]}).");
            }

            if (mod > modCount)
            {
                throw new SoundFontFormatException($"pdta '{bagId}': record {b} points to modulator {mod}, but the modulator list holds {modCount} records.");
            }
        }

        if (firstGen[^1] > genCount)
        {
            throw new SoundFontFormatException($"pdta '{bagId}': terminal record points to generator {firstGen[^1]}, but '{genId}' holds {genCount} records.");
        }

        var result = new GeneratorSet[headerCount - 1][];
        for (var i = 0; i < headerCount - 1; i++)
        {
            var zones = new GeneratorSet[firstBag[i + 1] - firstBag[i]];
            for (var z = 0; z < zones.Length; z++)
            {
                var bag = firstBag[i] + z;
                zones[z] = ReadGenerators(gens, firstGen[bag], firstGen[bag + 1]);
            }

            result[i] = zones;
        }

        return result;
    }

    private static GeneratorSet ReadGenerators(byte[] gens, int start, int end)
    {
        var set = new GeneratorSet();
        for (var g = start; g < end; g++)
        {
            int oper = BinaryPrimitives.ReadUInt16LittleEndian(gens.AsSpan(g * 4));
            var amount = BinaryPrimitives.ReadInt16LittleEndian(gens.AsSpan(g * 4 + 2));

            // Section 9.4: unknown or reserved generators are ignored, not errors.
            if (oper < (int)GeneratorType.Count) set.Set(oper, amount);
        }

        return set;
    }
}
