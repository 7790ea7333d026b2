using System.CommandLine;
using System.Globalization;
using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Cli.Commands;

/// <summary><c>cantus metrics PATH... [--json]</c>: the music metrics of a set of MIDI files, each file one sample.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "MIDI files or folders of them; each file is one sample", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var lenient = CommonOptions.Lenient();
        var bar = new Option<int>("--steps-per-bar") { Description = "Steps per bar for the per-bar metrics", DefaultValueFactory = _ => 16 };
        var command = new Command("metrics", "Music metrics per track (empty bars, pitches, scale, polyphony, harmony with track 0, ...)") { paths, json, lenient, bar };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var files = MidiFileSet.Expand(parse.GetValue(paths)!);
            if (files.Count == 0) throw Service.Errors.CantusException.Invalid("No MIDI files were found under the given paths.");
            var samples = MidiFileSet.Read(files, CommonOptions.Reading(parse.GetValue(lenient))).Select(s => s.Multitrack);
            var set = SetMetrics.Compute(samples, new MetricOptions(stepsPerBar: parse.GetValue(bar)));
            if (parse.GetValue(json)) parse.Out().WriteLine(set.ToJson(indented: true));
            else PrintTable(set, parse.Out());
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void PrintTable(SetMetrics set, TextWriter o)
    {
        var ic = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(ic, $"{set.Samples} samples, {set.Tracks} tracks (mean over the samples where a metric is defined; - = undefined)"));
        var width = MetricNames.All.Max(n => n.Length) + 2;
        o.Write("metric".PadRight(width));
        for (var k = 0; k < set.Tracks; k++) o.Write($"track {k}".PadLeft(10));
        o.WriteLine();
        foreach (var name in MetricNames.All)
        {
            o.Write(name.PadRight(width));
            foreach (var v in set.Means(name)) o.Write((v is { } x ? x.ToString("0.0000", ic) : "-").PadLeft(10));
            o.WriteLine();
        }
    }
}
