using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Cantus.Gan.Composing;
using Cantus.Gan.Models;
using Cantus.Music.Audio.Rendering;
using Cantus.Music.Images;
using Cantus.Music.Midi;

namespace Cantus.Cli.Commands;

/// <summary>
/// <c>cantus generate --input melody.mid --out song.mid [--model DIR]</c>: the GAN writes the
/// accompaniment of a melody of any length (see docs/gan.md, "Composing").
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "Model directory (model.safetensors + model.json); default: models/bach-chorales" };
        var input = new Option<FileInfo>("--input", "-i") { Description = "The melody (MIDI file)", Required = true };
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
            model, input, output, png, wav, seed, latent, saveLatent, track, programs, threshold, keyPenalty, raw, candidates, lenient, timings,
        };
        audio.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var renderer = parse.GetValue(wav) is null ? null : audio.CreateRenderer(parse); // bad audio options fail before any work
            var clock = Stopwatch.StartNew();
            var directory = parse.GetValue(model) ?? ModelStore.DefaultModelDirectory();
            var loaded = ModelStore.Load(directory);
            var loadMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var midi = MidiFile.Read(parse.GetValue(input)!.FullName, CommonOptions.Reading(parse.GetValue(lenient)));
            var options = new ComposeOptions
            {
                MelodyTrack = parse.GetValue(track),
                Threshold = parse.GetValue(threshold),
                KeyPenalty = parse.GetValue(keyPenalty),
                Raw = parse.GetValue(raw),
                Seed = parse.GetValue(seed),
                Latent = parse.GetValue(latent) is { } z ? LatentFile.Read(z.FullName) : null,
                Programs = ParsePrograms(parse.GetValue(programs)),
                Candidates = parse.GetValue(candidates),
            };
            Composition composition;
            try
            {
                composition = new Composer(loaded).Compose(midi, options);
            }
            catch (ArgumentException ex)
            {
                throw UsageException.From(ex);
            }
            var target = parse.GetValue(output)!.FullName;
            composition.Midi.Write(target); // via a temporary file and a rename
            var computeMs = clock.Elapsed.TotalMilliseconds;
            if (parse.GetValue(saveLatent) is { } save) LatentFile.Write(save.FullName, composition.Latent);
            if (parse.GetValue(png) is { } picture)
            {
                var image = new PianoRollRenderer().Render(composition.Roll, Path.GetFileName(target));
                using var stream = File.Create(picture.FullName);
                PngEncoder.Encode(image, stream);
            }
            if (parse.GetValue(wav) is { } sound)
            {
                AudioOptions.WriteWav(renderer!, TimedMidiSequence.FromMidi(composition.Midi), sound.FullName);
                Console.Out.WriteLine($"wrote {sound.FullName}");
            }
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {target}: {composition.Roll.Steps} steps, {composition.Windows} window(s){(composition.LeadingSilenceSteps > 0 ? $", {composition.LeadingSilenceSteps} steps of leading silence kept" : "")}{(composition.Transposition != 0 ? $", melody moved {composition.Transposition:+#;-#} semitones to fit the model" : "")}{(composition.CriticScore is double s ? $", critic score {s:F3}" : "")}"));
            if (parse.GetValue(timings))
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load {loadMs:F1} ms; read + generate + write {computeMs:F1} ms"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static int[] ParsePrograms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        return text.Split(',').Select(p => int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= 127
            ? v : throw new UsageException($"--programs must be numbers 0..127 separated by commas, not '{text}'")).ToArray();
    }
}
