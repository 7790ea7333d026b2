using System.CommandLine;
using Cantus.Music.Audio.Rendering;
using Cantus.Music.Audio.SoundFonts;

namespace Cantus.Cli.Commands;

/// <summary>The audio rendering options shared by <c>render</c> and <c>generate --wav</c>.</summary>
internal sealed class AudioOptions
{
    private readonly Option<string?> _soundFont = new("--soundfont")
    {
        Description = $"SoundFont 2 file (default: ${SoundFontLocator.EnvironmentVariable}, else the General MIDI SoundFonts in {SoundFontLocator.SystemDirectory}, else a built-in piano)",
    };

    private readonly Option<int> _sampleRate = new("--sample-rate") { Description = "Samples per second", DefaultValueFactory = _ => 44100 };
    private readonly Option<bool> _float = new("--float") { Description = "Write 32-bit float samples instead of 16-bit PCM" };
    private readonly Option<bool> _noNormalize = new("--no-normalize") { Description = "Keep the synthesizer's level instead of normalising the peak" };
    private readonly Option<double> _maxMinutes = new("--max-minutes") { Description = "Longest audio to render, in minutes", DefaultValueFactory = _ => 10 };

    public void AddTo(Command command)
    {
        command.Options.Add(_soundFont);
        command.Options.Add(_sampleRate);
        command.Options.Add(_float);
        command.Options.Add(_noNormalize);
        command.Options.Add(_maxMinutes);
    }

    public SequenceRenderer CreateRenderer(ParseResult parse)
    {
        var rate = parse.GetValue(_sampleRate);
        if (rate is < 8000 or > 192_000) throw new UsageException("--sample-rate must be 8000..192000");
        var minutes = parse.GetValue(_maxMinutes);
        if (!(minutes > 0) || minutes > 24 * 60) throw new UsageException("--max-minutes must be above 0 and at most 1440");
        var font = SoundFontLocator.LoadOrFallback(parse.GetValue(_soundFont));
        return new SequenceRenderer(font, new AudioRenderOptions
        {
            SampleRate = rate,
            Format = parse.GetValue(_float) ? WavSampleFormat.Float32 : WavSampleFormat.Pcm16,
            Normalize = !parse.GetValue(_noNormalize),
            MaxDuration = TimeSpan.FromMinutes(minutes),
        });
    }

    /// <summary>Writes <paramref name="sequence"/> as WAV to <paramref name="path"/> via a temporary file.</summary>
    public static void WriteWav(SequenceRenderer renderer, TimedMidiSequence sequence, string path)
    {
        renderer.GetFrameCount(sequence); // checks the duration limit before a file is created
        var temp = path + ".tmp";
        try
        {
            using (var stream = File.Create(temp))
            {
                renderer.WriteWav(sequence, stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
