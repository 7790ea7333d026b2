using System.CommandLine;
using Cantus.Music.Datasets;
using Cantus.Service;
using Cantus.Service.Errors;

namespace Cantus.Cli.Commands;

/// <summary>The windowing options shared by dataset commands.</summary>
internal sealed class WindowingOptions
{
    private readonly Option<int> _steps = new("--window") { Description = "Steps per training sample (32 = 2 bars of 16th notes)", DefaultValueFactory = _ => 32 };
    private readonly Option<int> _hop = new("--hop") { Description = "Steps between window starts (16 = 1 bar)", DefaultValueFactory = _ => 16 };
    private readonly Option<string> _transpose = new("--transpose") { Description = "Transposition augmentation: none, all (every shift keeping the voices in range) or a number k (±k semitones)", DefaultValueFactory = _ => "none" };
    private readonly Option<string> _range = new("--pitch-range") { Description = "Pitch range LOW..HIGH that every voice must stay inside (e.g. 36..99)", DefaultValueFactory = _ => "0..127" };

    public static WindowingOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_steps);
        command.Options.Add(_hop);
        command.Options.Add(_transpose);
        command.Options.Add(_range);
    }

    public WindowOptions Read(ParseResult parse)
    {
        var steps = parse.GetValue(_steps);
        var hop = parse.GetValue(_hop);
        if (steps < 1 || hop < 1) throw CantusException.Invalid("The window and the hop must be positive numbers of steps.", "window");
        return new WindowOptions
        {
            Steps = steps,
            Hop = hop,
            Transposition = OptionValues.Transposition(parse.GetValue(_transpose)),
            PitchRange = OptionValues.PitchRange(parse.GetValue(_range)),
        };
    }
}
