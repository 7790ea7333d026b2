namespace Cantus.Cli.Tests;

public class RollCommandTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static string Snippet(int i) => Path.Combine(CliRunner.Datasets, "deepcomposer-jsb-2bar", $"MIDI-{i}.mid");

    [Fact]
    public void WritesAPngAndAnAnimatedPng()
    {
        var dir = Directory.CreateTempSubdirectory("cantus-roll-");
        try
        {
            var still = Path.Combine(dir.FullName, "roll.png");
            Assert.Equal(0, CliRunner.Run("roll", Snippet(0), "-o", still).ExitCode);
            Assert.Equal(PngSignature, File.ReadAllBytes(still)[..8]);

            var animated = Path.Combine(dir.FullName, "evolution.png");
            Assert.Equal(0, CliRunner.Run("roll", Snippet(0), Snippet(1), Snippet(2), "--animate", "-o", animated).ExitCode);
            var bytes = File.ReadAllBytes(animated);
            var acTL = bytes.AsSpan().IndexOf("acTL"u8);
            Assert.True(acTL > 0, "no acTL chunk");
            Assert.Equal(3, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(acTL + 4)));
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.tmp"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void MissingOutputIsAUsageError() => Assert.Equal(1, CliRunner.Run("roll", Snippet(0)).ExitCode);

    [Fact]
    public void BadMidiIsBadInput() =>
        Assert.Equal(2, CliRunner.Run("roll", Path.Combine(CliRunner.Datasets, "README.md"), "-o", Path.Combine(Path.GetTempPath(), "never.png")).ExitCode);
}
