using System.CommandLine;
using System.Globalization;
using Cantus.Bench;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Datasets;

namespace Cantus.Cli.Commands;

/// <summary><c>cantus bench ...</c>: benchmarks that print their figures and targets.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks (speed targets are checked here, not in tests)") { Dataset(), Render() };

    private static Command Dataset()
    {
        var source = new Option<string>("--source") { Description = "Path of Jsb16thSeparated.json (default: the downloaded jsb-chorales, else ../shared/datasets)" };
        var runs = new Option<int>("--runs") { Description = "Timed runs", DefaultValueFactory = _ => 5 };
        var json = CommonOptions.Json();
        var command = new Command("dataset", "Load the JSB chorales and window the whole train split (target: under 1 s)") { source, runs, json };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(source) ?? FindJsb();
            var result = DatasetBenchmark.Run(path, Math.Max(1, parse.GetValue(runs)));
            if (parse.GetValue(json)) CliJson.Write(Console.Out, result);
            else Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"JSB train: {result.Pieces} pieces → {result.Samples} samples in {result.SecondsMedian * 1000:0.0} ms (median; min {result.SecondsMin * 1000:0.0} ms; target < {result.TargetSeconds * 1000:0} ms)"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Render()
    {
        var soundFont = new Option<string?>("--soundfont") { Description = "SoundFont to use (default: the usual search; 'fallback' for the built-in piano)" };
        var program = new Option<int>("--program") { Description = "General MIDI program of the four voices (52 = choir aahs)", DefaultValueFactory = _ => 0 };
        var runs = new Option<int>("--runs") { Description = "Timed runs (best is reported)", DefaultValueFactory = _ => 3 };
        var json = CommonOptions.Json();
        var command = new Command("render", "Render one minute of a 4-voice chorale (target: at least 200x real time on one core)") { soundFont, program, runs, json };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(soundFont);
            var fallback = string.Equals(path, "fallback", StringComparison.OrdinalIgnoreCase);
            var font = fallback ? SoundFont.CreateFallback() : SoundFontLocator.LoadOrFallback(path);
            var label = font.IsFallback ? "built-in fallback" : path ?? SoundFontLocator.FindPath() ?? font.Name;
            var result = RenderBenchmark.Run(font, label, parse.GetValue(program), Math.Max(1, parse.GetValue(runs)));
            if (parse.GetValue(json)) CliJson.Write(Console.Out, result);
            else Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.SoundFont}, program {result.Program}: {result.AudioSeconds:0} s of audio in {result.CpuSecondsBest * 1000:0} ms CPU = {result.RealTimeFactor:0}x real time (target {result.TargetFactor:0}x); {result.AllocatedBytes / 1e6:0.0} MB allocated"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string FindJsb()
    {
        var downloaded = Path.Combine(DataDirectory.DatasetDirectory(JsbChoralesLoader.DatasetName), JsbChoralesLoader.FileName);
        if (File.Exists(downloaded)) return downloaded;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "..", "shared", "datasets", "jsb-chorales", JsbChoralesLoader.FileName);
            if (File.Exists(shared)) return Path.GetFullPath(shared);
        }
        throw new FileNotFoundException("Jsb16thSeparated.json not found; run 'cantus dataset download jsb-chorales' or pass --source");
    }
}
