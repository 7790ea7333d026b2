using Cantus.Music.IO;
using System.CommandLine;
using Cantus.Music.Images;
using Cantus.Music.PianoRolls;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus roll FILE.mid... -o roll.png</c>: a piano-roll picture of one or more MIDI files
/// (several files: one panel each), or with <c>--animate</c> an animated PNG, one frame per file.
/// </summary>
internal static class RollCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "MIDI files (or folders of them)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The PNG file to write", Required = true };
        var lenient = CommonOptions.Lenient();
        var stacked = new Option<bool>("--stacked") { Description = "One panel per track instead of overlaying the tracks" };
        var dark = new Option<bool>("--dark") { Description = "Dark theme" };
        var animate = new Option<bool>("--animate") { Description = "Write an animated PNG with one frame per file" };
        var delay = new Option<int>("--frame-ms") { Description = "Frame duration of an animation, in milliseconds", DefaultValueFactory = _ => 500 };
        var scale = new Option<int>("--scale") { Description = "Pixels per step (pitch rows are 5/6 of it)", DefaultValueFactory = _ => 6 };
        var title = new Option<string?>("--title") { Description = "Title above the picture" };
        var command = new Command("roll", "Draw MIDI files as a piano-roll PNG (or an animated PNG)") { files, output, lenient, stacked, dark, animate, delay, scale, title };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var paths = MidiFileSet.Expand(parse.GetValue(files)!);
            if (paths.Count == 0) throw Service.Errors.CantusException.Invalid("No MIDI files were found under the given paths.");
            var rolls = MidiFileSet.Read(paths, CommonOptions.Reading(parse.GetValue(lenient))).ToList();
            var pixels = parse.GetValue(scale);
            if (pixels is < 1 or > 64) throw Service.Errors.CantusException.Invalid("--scale must be 1..64.");
            var renderer = new PianoRollRenderer(new PianoRollRenderOptions
            {
                PixelsPerStep = pixels,
                PixelsPerPitch = Math.Max(1, pixels * 5 / 6),
                Arrangement = parse.GetValue(stacked) ? TrackArrangement.Stacked : TrackArrangement.Overlay,
                Theme = parse.GetValue(dark) ? PianoRollTheme.Dark : PianoRollTheme.Light,
            });
            var target = parse.GetValue(output)!.FullName;
            var names = rolls.Select(r => Path.GetFileName(r.Path)).ToList();
            AtomicFile.Write(target, stream =>
            {
                if (parse.GetValue(animate))
                    renderer.WriteAnimation([.. rolls.Select(r => r.Multitrack)], stream, names, new ApngOptions { FrameDelay = TimeSpan.FromMilliseconds(Math.Clamp(parse.GetValue(delay), 1, 65_535_000)) });
                else
                {
                    var image = rolls.Count == 1
                        ? renderer.Render(rolls[0].Multitrack, parse.GetValue(title) ?? names[0])
                        : renderer.Render([.. rolls.Select(r => r.Multitrack)], parse.GetValue(title), names);
                    PngEncoder.Encode(image, stream);
                }
            });
            parse.Out().WriteLine($"wrote {target}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
