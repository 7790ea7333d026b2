using System.CommandLine;
using Cantus.Music.Datasets;

using Cantus.Music.PianoRolls;

namespace Cantus.Cli.Commands;

/// <summary>The windowing options shared by dataset, training and evaluation commands.</summary>
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
        var transpose = parse.GetValue(_transpose)!.Trim().ToLowerInvariant();
        var transposition = transpose switch
        {
            "none" or "0" => Transposition.None,
            "all" => Transposition.All,
            _ when int.TryParse(transpose.TrimStart('±', '+'), out var k) && k > 0 => Transposition.UpTo(k),
            _ => throw new UsageException($"--transpose must be none, all or a positive number, not '{transpose}'"),
        };
        var range = parse.GetValue(_range)!.Split("..");
        if (range.Length != 2 || !int.TryParse(range[0], out var low) || !int.TryParse(range[1], out var high) || low < 0 || high > 127 || low > high)
            throw new UsageException($"--pitch-range must be LOW..HIGH within 0..127, not '{parse.GetValue(_range)}'");
        var steps = parse.GetValue(_steps);
        var hop = parse.GetValue(_hop);
        if (steps < 1 || hop < 1) throw new UsageException("--window and --hop must be positive");
        return new WindowOptions { Steps = steps, Hop = hop, Transposition = transposition, PitchRange = new PitchRange(low, high) };
    }
}
