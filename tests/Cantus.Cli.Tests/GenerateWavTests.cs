namespace Cantus.Cli.Tests;

/// <summary><c>cantus generate --wav</c> renders the composition with the same synthesizer as <c>cantus render</c>.</summary>
public class GenerateWavTests
{
    [Fact]
    public void WritesAWavAsLongAsTheSongPlusTheReleaseTail()
    {
        var dir = Directory.CreateTempSubdirectory("cantus-generate-wav-");
        try
        {
            var mid = Path.Combine(dir.FullName, "song.mid");
            var wav = Path.Combine(dir.FullName, "song.wav");
            var r = CliRunner.Run("generate", "--input", Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "twinkle-twinkle.mid"),
                "--out", mid, "--wav", wav, "--sample-rate", "22050", "--soundfont", "/usr/share/sounds/sf2/none.sf2");
            Assert.Equal(2, r.ExitCode); // a named SoundFont that does not exist is bad input, before anything is written
            Assert.False(File.Exists(mid));

            r = CliRunner.Run("generate", "--input", Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "twinkle-twinkle.mid"),
                "--out", mid, "--wav", wav, "--sample-rate", "22050");
            Assert.True(r.ExitCode == 0, r.Stderr);
            var bytes = File.ReadAllBytes(wav);
            Assert.Equal("WAVE"u8.ToArray(), bytes[8..12]);
            var frames = BitConverter.ToInt32(bytes, 40) / 4; // 16-bit stereo
            // 8 bars of 4/4 at 100 BPM = 19.2 s, plus the 2 s release tail.
            Assert.Equal((int)Math.Round(21.2 * 22050), frames, 1.0);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
