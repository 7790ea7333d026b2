namespace Cantus.Music.Images;

/// <summary>
/// CRC-32 as PNG defines it (ISO 3309 / ITU-T V.42; PNG spec, Annex D): reflected polynomial
/// 0xEDB88320, register preset to 0xFFFFFFFF and inverted at the end. Byte-at-a-time table
/// lookup, with the bit-at-a-time definition kept as the reference the tests compare against.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Start, data));

    /// <summary>Register value before any byte.</summary>
    public const uint Start = 0xFFFFFFFFu;

    /// <summary>Feeds <paramref name="data"/> into a running register (not yet inverted).</summary>
    public static uint Update(uint register, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data)
            register = table[(register ^ b) & 0xFF] ^ (register >> 8);
        return register;
    }

    /// <summary>Final inversion of the register.</summary>
    public static uint Finish(uint register) => register ^ 0xFFFFFFFFu;

    /// <summary>Reference: one bit at a time, straight from the definition (PNG Annex D).</summary>
    public static uint ComputeBitwise(ReadOnlySpan<byte> data)
    {
        var c = Start;
        foreach (var b in data)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
        }
        return Finish(c);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
