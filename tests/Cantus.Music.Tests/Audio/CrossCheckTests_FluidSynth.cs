using System.Buffers.Binary;
using System.Diagnostics;
using Cantus.Music.Audio.Rendering;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Tests.Audio.Helpers;
using Xunit.Abstractions;

namespace Cantus.Music.Tests.Audio;

/// <summary>
/// Issue 5: the same MIDI and SoundFont (TimGM6mb) rendered by Debian's fluidsynth and by us have
/// RMS loudness envelopes (50 ms frames) that correlate ≥ 0.9.
/// </summary>
public class CrossCheckTests_FluidSynth(ITestOutputHelper output)
{
    private const string FluidSynth = "/usr/bin/fluidsynth";
    private const int Rate = 44100;

    /// <summary>Notes of varied length, velocity, register and program with rests between, so the envelope has shape.</summary>
    private static TimedMidiSequence Piece()
    {
        var messages = new List<TimedMidiMessage> { TimedMidiMessage.ProgramChange(0, 0, 0), TimedMidiMessage.ProgramChange(0, 1, 48) };
        int[] keys = [60, 64, 67, 72, 48, 55, 71, 62];
        int[] velocities = [40, 110, 70, 127, 55, 90, 30, 100];
        var t = 0.2;
        for (var i = 0; i < keys.Length; i++)
        {
            var length = 0.25 + 0.15 * (i % 3);
            var channel = i % 4 == 3 ? 1 : 0;
            messages.Add(TimedMidiMessage.NoteOn(t, channel, keys[i], velocities[i]));
            messages.Add(TimedMidiMessage.NoteOff(t + length, channel, keys[i]));
            t += length + 0.35;
        }

        return new TimedMidiSequence(messages, t);
    }

    [InstalledFileFact(FluidSynth, "fluidsynth", SoundFontTests_Debian.TimGm6mb, "timgm6mb-soundfont")]
    public void LoudnessEnvelopeCorrelatesWithFluidSynth()
    {
        var sequence = Piece();
        var dir = Directory.CreateTempSubdirectory("cantus-fluid-").FullName;
        try
        {
            var midi = Path.Combine(dir, "piece.mid");
            var wav = Path.Combine(dir, "fluid.wav");
            File.WriteAllBytes(midi, SmfWriter.Write(sequence));
            var start = new ProcessStartInfo(FluidSynth, ["-ni", "-q", "-R", "0", "-C", "0", "-r", Rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-F", wav, SoundFontTests_Debian.TimGm6mb, midi])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using (var process = Process.Start(start)!)
            {
                process.StandardOutput.ReadToEnd();
                Assert.True(process.WaitForExit(60_000), "fluidsynth did not finish in 60 s");
            }

            var theirs = MonoFromWav(File.ReadAllBytes(wav));
            var renderer = new SequenceRenderer(SoundFont.Load(SoundFontTests_Debian.TimGm6mb), new AudioRenderOptions { EnableEffects = false });
            var (left, right) = renderer.Render(sequence);
            var ours = left.Zip(right, (l, r) => (l + r) / 2).ToArray();
            var a = RmsFrames(ours, Rate / 20);
            var b = RmsFrames(theirs, Rate / 20);
            var n = Math.Min(a.Length, b.Length);
            var r = Correlation(a.AsSpan(0, n), b.AsSpan(0, n));
            output.WriteLine($"{n} frames; correlation {r:F3}");
            Assert.True(r >= 0.9, $"RMS envelope correlation {r:F3} < 0.9; ours {string.Join(" ", a.Take(30).Select(x => x.ToString("F3")))}; fluidsynth {string.Join(" ", b.Take(30).Select(x => x.ToString("F3")))}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static float[] MonoFromWav(byte[] bytes)
    {
        // Walk the RIFF chunks to 'fmt ' and 'data'; fluidsynth writes 16-bit stereo by default.
        var offset = 12;
        int bits = 16, channels = 2;
        while (offset + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 10));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 22));
            }
            else if (id == "data")
            {
                Assert.Equal(16, bits);
                size = Math.Min(size, bytes.Length - offset - 8);
                var frames = size / (2 * channels);
                var mono = new float[frames];
                for (var i = 0; i < frames; i++)
                {
                    float sum = 0;
                    for (var c = 0; c < channels; c++) sum += BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 8 + (i * channels + c) * 2)) / 32768f;
                    mono[i] = sum / channels;
                }

                return mono;
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException("fluidsynth's WAV has no data chunk");
    }

    private static double[] RmsFrames(float[] x, int frame) =>
        [.. Enumerable.Range(0, x.Length / frame).Select(f => Math.Sqrt(x.AsSpan(f * frame, frame).ToArray().Average(v => (double)v * v)))];

    private static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double ma = 0, mb = 0;
        for (var i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length;
        mb /= b.Length;
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
