using System.Text;
using Cantus.Music.Images;

namespace Cantus.Music.Tests.Images;

public class Crc32Tests
{
    [Fact]
    public void CheckValueOfTheStandard() =>
        // The "check" value of CRC-32/ISO-HDLC (the PNG CRC) over the ASCII digits 1..9.
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void IendChunkCrcIsTheWellKnownConstant() =>
        // Every PNG ends with 00 00 00 00 49 45 4E 44 AE 42 60 82.
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));

    [Fact]
    public void EmptyInputGivesZero() => Assert.Equal(0u, Crc32.Compute([]));

    [Fact]
    public void TableMatchesBitwiseReferenceOnRandomData()
    {
        var rng = new Random(1234);
        foreach (var n in new[] { 0, 1, 2, 3, 7, 8, 63, 64, 65, 255, 256, 1000 })
        {
            var data = new byte[n];
            rng.NextBytes(data);
            Assert.Equal(Crc32.ComputeBitwise(data), Crc32.Compute(data));
        }
    }

    [Fact]
    public void UpdateInPiecesEqualsOneShot()
    {
        var data = Encoding.ASCII.GetBytes("IHDR and some chunk data");
        var r = Crc32.Update(Crc32.Start, data.AsSpan(0, 5));
        r = Crc32.Update(r, data.AsSpan(5));
        Assert.Equal(Crc32.Compute(data), Crc32.Finish(r));
    }
}
