using System.CommandLine;
using System.Globalization;
using Cantus.Music.Audio.Rendering;
using Cantus.Music.IO;
using Cantus.Music.Midi;
using Cantus.Service.Audio;

namespace Cantus.Cli.Commands;

/// <summary><c>cantus render FILE.mid -o out.wav [--soundfont PATH] [--sample-rate N]</c>.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A MIDI file" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The WAV file to write", Required = true };
        var lenient = CommonOptions.Lenient();
        var audio = new AudioOptions();
        var command = new Command("render", "Render a MIDI file to WAV with a SoundFont synthesizer") { file, output, lenient };
        audio.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var midi = MidiFile.Read(parse.GetValue(file)!.FullName, CommonOptions.Reading(parse.GetValue(lenient)));
            var renderer = AudioRendering.CreateRenderer(audio.Read(parse));
            var target = parse.GetValue(output)!.FullName;
            renderer.GetFrameCount(TimedMidiSequence.FromMidi(midi)); // the duration limit, before a file is created
            AtomicFile.Write(target, stream => AudioRendering.WriteWav(renderer, midi, stream));
            parse.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {target}: {renderer.GetFrameCount(TimedMidiSequence.FromMidi(midi)) / (double)renderer.Options.SampleRate:0.00} s with {renderer.SoundFont.Name}"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
