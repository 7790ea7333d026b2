using System.CommandLine;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Service.Audio;

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

    public AudioSettings Read(ParseResult parse)
    {
        var settings = new AudioSettings
        {
            SoundFontPath = parse.GetValue(_soundFont),
            SampleRate = parse.GetValue(_sampleRate),
            Float = parse.GetValue(_float),
            Normalize = !parse.GetValue(_noNormalize),
            MaxMinutes = parse.GetValue(_maxMinutes),
        };
        settings.Validate();
        return settings;
    }
}
