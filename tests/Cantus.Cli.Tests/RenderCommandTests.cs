namespace Cantus.Cli.Tests;

public class RenderCommandTests
{
    [Fact]
    public void RendersAMelodyToWavOfTheRightLength()
    {
        var dir = Directory.CreateTempSubdirectory("cantus-render-");
        try
        {
            var wav = Path.Combine(dir.FullName, "ode.wav");
            var r = CliRunner.Run("render", Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "ode-to-joy.mid"), "-o", wav, "--sample-rate", "22050");
            Assert.True(r.ExitCode == 0, r.Stderr);
            var bytes = File.ReadAllBytes(wav);
            Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
            Assert.Equal("WAVE"u8.ToArray(), bytes[8..12]);
            Assert.Equal(22050, BitConverter.ToInt32(bytes, 24));
            // 32 beats at 100 BPM = 19.2 s, plus the 2 s release tail; 16-bit stereo.
            var frames = BitConverter.ToInt32(bytes, 40) / 4;
            Assert.Equal((int)Math.Round(21.2 * 22050), frames, 1.0);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void MidiLongerThanTheLimitIsRejectedWithoutWritingAFile()
    {
        var wav = Path.Combine(Path.GetTempPath(), $"cantus-never-{Environment.ProcessId}.wav");
        var r = CliRunner.Run("render", Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "ode-to-joy.mid"), "-o", wav, "--max-minutes", "0.1");
        Assert.Equal(2, r.ExitCode);
        Assert.False(File.Exists(wav));
        Assert.False(File.Exists(wav + ".tmp"));
    }

    [Fact]
    public void MissingSoundFontIsBadInput() =>
        Assert.Equal(2, CliRunner.Run("render", Path.Combine(CliRunner.RepoRoot, "samples", "melodies", "ode-to-joy.mid"), "-o", "x.wav", "--soundfont", "/no/such.sf2").ExitCode);
}
