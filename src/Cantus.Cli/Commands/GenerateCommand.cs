using System.CommandLine;
using System.Globalization;
using Cantus.Gan.Models;
using Cantus.Music.IO;
using Cantus.Service;
using Cantus.Service.Composing;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus generate --input melody.mid --out song.mid [--model DIR]</c>: the GAN writes the
/// accompaniment of a melody of any length (see docs/gan.md, "Composing"): bind the options,
/// call <see cref="ComposeMelody"/>, write its files.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "Model: a model directory (model.safetensors + model.json) or the name of a sample or custom model; default: models/bach-chorales" };
        var inputOption = new Option<FileInfo>("--input", "-i") { Description = "The melody (MIDI file)", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The MIDI file to write", Required = true };
        var png = new Option<FileInfo?>("--png") { Description = "Also draw the result as a piano-roll PNG" };
        var wav = new Option<FileInfo?>("--wav") { Description = "Also render the result to WAV (the same synthesizer as 'cantus render')" };
        var audio = new AudioOptions();
        var seed = new Option<ulong>("--seed") { Description = "Seed of the latent noise", DefaultValueFactory = _ => 0 };
        var latent = new Option<FileInfo?>("--latent") { Description = "Latent to use: safetensors with tensor z of shape (windows, channels, h, w)" };
        var saveLatent = new Option<FileInfo?>("--save-latent") { Description = "Write the latent used (to regenerate or explore later)" };
        var track = new Option<string?>("--melody-track") { Description = "Melody track: 0-based track number of the file, or its name (default: first track with pitched notes)" };
        var programs = new Option<string?>("--programs") { Description = "General-MIDI programs per output track, melody first, e.g. 0,48,32,42" };
        var threshold = new Option<float?>("--threshold") { Description = "Output level a cell must pass, −1..1 (default: 0 with --raw; clean-up: the model's calibrated value, else 0)" };
        var keyPenalty = new Option<float?>("--key-penalty") { Description = "Clean-up: margin taken from notes off the melody's key, 0..2 (default: the model's calibrated value, else 0)" };
        var raw = new Option<bool>("--raw") { Description = "No clean-up: every cell above the threshold sounds" };
        var candidates = new Option<int>("--candidates") { Description = "Generate N and keep the one the critic scores highest", DefaultValueFactory = _ => 1 };
        var lenient = CommonOptions.Lenient();
        var timings = new Option<bool>("--timings") { Description = "Print load and compute times to stderr" };
        var command = new Command("generate", "Write the accompaniment of a melody with a trained GAN")
        {
            model, inputOption, output, png, wav, seed, latent, saveLatent, track, programs, threshold, keyPenalty, raw, candidates, lenient, timings,
        };
        audio.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var input = parse.GetValue(inputOption)!.FullName;
            if (!File.Exists(input)) throw new FileNotFoundException($"No such file: {input}", input);
            var target = parse.GetValue(output)!.FullName;
            var result = CliServices.Compose.ExecuteAsync(new ComposeRequest
            {
                Melody = File.ReadAllBytes(input),
                MelodyName = Path.GetFileName(target),
                Lenient = parse.GetValue(lenient),
                Model = CliServices.Model(parse.GetValue(model)),
                MelodyTrack = parse.GetValue(track),
                Threshold = parse.GetValue(threshold),
                KeyPenalty = parse.GetValue(keyPenalty),
                Raw = parse.GetValue(raw),
                Seed = parse.GetValue(seed),
                Latent = parse.GetValue(latent) is { } z ? LatentFile.Read(z.FullName) : null,
                Programs = OptionValues.Programs(parse.GetValue(programs)),
                Candidates = parse.GetValue(candidates),
                Png = parse.GetValue(png) is not null,
                Wav = parse.GetValue(wav) is null ? null : audio.Read(parse),
                Limits = ComposeLimits.Local,
            }).GetAwaiter().GetResult();
            var composition = result.Composition;
            AtomicFile.WriteAllBytes(target, result.Midi);
            if (parse.GetValue(saveLatent) is { } save) LatentFile.Write(save.FullName, composition.Latent);
            if (parse.GetValue(png) is { } picture) AtomicFile.WriteAllBytes(picture.FullName, result.Png!);
            if (parse.GetValue(wav) is { } sound)
            {
                AtomicFile.WriteAllBytes(sound.FullName, result.Wav!);
                parse.Out().WriteLine($"wrote {sound.FullName}");
            }
            foreach (var repair in result.Repairs) parse.Err().WriteLine($"repaired: {repair}");
            parse.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {target}: {composition.Roll.Steps} steps, {composition.Windows} window(s){(composition.LeadingSilenceSteps > 0 ? $", {composition.LeadingSilenceSteps} steps of leading silence kept" : "")}{(composition.Transposition != 0 ? $", melody moved {composition.Transposition:+#;-#} semitones to fit the model" : "")}{(composition.CriticScore is double s ? $", critic score {s:F3}" : "")}"));
            if (parse.GetValue(timings))
                parse.Err().WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load {result.Timings.LoadMs:F1} ms; read + generate + write {result.Timings.ComposeMs:F1} ms"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
