using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cantus.Music.Audio.Rendering;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.PianoRolls;

namespace Cantus.Bench;

/// <summary>
/// Seeded mutation fuzzing of the SoundFont reader and the synthesizer, in this process: no API
/// takes a SoundFont (the server renders with the one it was given, see <c>/api/soundfont</c>), but
/// <c>cantus render --soundfont</c> and <c>Cantus:SoundFont</c> read any file a person names. Most
/// mutations are in place inside the file's structure (the INFO and pdta chunks: headers, preset,
/// instrument and sample records, generators) so that they get past the chunk sizes; the rest are
/// the general mutations (truncation, insertions, deleted and repeated runs) anywhere. A mutant the
/// reader accepts is rendered (two seconds in four voices), so bad sample offsets, loops and generator values
/// reach the synthesizer. A finding is any exception other than <see cref="SoundFontFormatException"/>,
/// or a read plus render that takes longer than <see cref="Hang"/>.
/// </summary>
public sealed class SoundFontFuzzer
{
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);

    public sealed record Report(int Seed, double Seconds, int Inputs, int Rejected, int Rendered, IReadOnlyList<string> Findings, IReadOnlyDictionary<string, int> RejectionReasons,
        long PeakManagedBytes);

    private readonly Random _random;
    private readonly Fuzzer _general;
    private readonly byte[] _font;
    private readonly (int Start, int Length)[] _structure;
    private readonly int _seed;

    public SoundFontFuzzer(int seed, byte[] font)
    {
        ArgumentNullException.ThrowIfNull(font);
        _seed = seed;
        _random = new Random(seed);
        _general = new Fuzzer(seed, [[0]], [0], [0]);
        _font = font;
        _structure = [Chunk("INFO"), Chunk("pdta")];
    }

    /// <summary>The LIST chunk of <paramref name="type"/> (its payload), or the first kilobyte when the seed has none.</summary>
    private (int Start, int Length) Chunk(string type)
    {
        var tag = Encoding.ASCII.GetBytes(type);
        for (var i = 8; i + 4 <= _font.Length; i++)
            if (_font.AsSpan(i, 4).SequenceEqual(tag) && i >= 8 && _font.AsSpan(i - 8, 4).SequenceEqual("LIST"u8))
            {
                var length = BitConverter.ToInt32(_font, i - 4) - 4;
                return (i + 4, Math.Clamp(length, 1, _font.Length - i - 4));
            }
        return (0, Math.Min(1024, _font.Length));
    }

    public byte[] Mutate()
    {
        if (_random.Next(5) == 0) return _general.Mutate(_font);
        var data = (byte[])_font.Clone();
        var (start, length) = _structure[_random.Next(10) < 2 ? 0 : 1];
        for (var r = 1 + _random.Next(4); r > 0; r--)
        {
            var at = start + _random.Next(length);
            switch (_random.Next(5))
            {
                case 0: data[at] ^= (byte)(1 << _random.Next(8)); break;
                case 1: data[at] = (byte)_random.Next(256); break;
                case 2:
                    byte[][] values = [[0xFF, 0xFF], [0xFF, 0x7F], [0, 0x80], [0, 0], [0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0x80]];
                    var v = values[_random.Next(values.Length)];
                    for (var k = 0; k < v.Length && at + k < data.Length; k++) data[at + k] = v[k];
                    break;
                default: data[at] = (byte)(data[at] + _random.Next(-3, 4)); break;
            }
        }
        return data;
    }

    public Report Run(TimeSpan duration, string? findingsFolder, Action<string>? progress = null)
    {
        var sequence = TimedMidiSequence.FromMultitrack(Excerpt());
        var findings = new List<string>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var inputs = 0;
        var rejected = 0;
        var rendered = 0;
        long peak = 0;
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(10);
        while (clock.Elapsed < duration)
        {
            var input = Mutate();
            inputs++;
            var work = Task.Run(() =>
            {
                var font = SoundFont.Load(new MemoryStream(input, writable: false));
                new SequenceRenderer(font, new AudioRenderOptions { ReleaseTail = TimeSpan.Zero }).WriteWav(sequence, Stream.Null);
            });
            try
            {
                if (!work.Wait(Hang))
                {
                    findings.Add($"input {inputs}: no result within {Hang.TotalSeconds:F0} s");
                    Fuzzer.Keep(findingsFolder, "soundfont", inputs, input, "sf2");
                    break; // the thread cannot be stopped: end the run with the finding
                }
                rendered++;
            }
            catch (AggregateException ex) when (ex.InnerException is SoundFontFormatException format)
            {
                rejected++;
                var reason = Reason(format.Message);
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
            catch (AggregateException ex)
            {
                var inner = ex.InnerException ?? ex;
                findings.Add($"input {inputs}: {inner.GetType().Name}: {inner.Message}");
                Fuzzer.Keep(findingsFolder, "soundfont", inputs, input, "sf2");
            }
            if (inputs % 20 == 0) peak = Math.Max(peak, GC.GetTotalMemory(false));
            if (clock.Elapsed >= nextReport)
            {
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"soundfont {clock.Elapsed.TotalSeconds:F0} s: {inputs} inputs, {rejected} rejected, {rendered} rendered, {findings.Count} findings"));
                nextReport += TimeSpan.FromSeconds(10);
            }
        }
        return new Report(_seed, clock.Elapsed.TotalSeconds, inputs, rejected, rendered, findings, reasons, Math.Max(peak, GC.GetTotalMemory(false)));
    }

    /// <summary>Two seconds in four voices, each with another program and a wide range of pitches, so that many presets, zones and samples are played.</summary>
    private static Multitrack Excerpt()
    {
        var m = new Multitrack(16, stepsPerBeat: 4, tempoBpm: 100);
        int[] programs = [0, 24, 52, 73];
        int[][] pitches = [[96, 84, 72, 108], [60, 64, 67, 71], [48, 55, 43, 36], [24, 31, 28, 21]];
        for (var v = 0; v < 4; v++)
        {
            var track = m.AddTrack($"voice {v}", programs[v]);
            for (var beat = 0; beat < 4; beat++)
                for (var s = 0; s < 3; s++) track[beat * 4 + s, pitches[v][beat]] = (byte)(40 + 20 * v);
        }
        return m;
    }

    /// <summary>The reader's message without its numbers, so that rejections group by kind.</summary>
    private static string Reason(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var c in message) text.Append(char.IsDigit(c) ? '#' : c);
        var s = System.Text.RegularExpressions.Regex.Replace(text.ToString(), "#+", "#");
        return s.Length > 90 ? s[..90] + "…" : s;
    }
}
