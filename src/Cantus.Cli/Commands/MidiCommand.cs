using System.CommandLine;
using System.Globalization;
using Cantus.Music.Midi;

namespace Cantus.Cli.Commands;

/// <summary><c>cantus midi inspect FILE [--json] [--lenient]</c>.</summary>
internal static class MidiCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A Standard MIDI File (.mid, .midi, .rmi)" };
        var json = CommonOptions.Json();
        var lenient = CommonOptions.Lenient();
        var inspect = new Command("inspect", "Show a MIDI file's format, tracks, notes, tempo map and duration") { file, json, lenient };
        inspect.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var midi = MidiFile.Read(parse.GetValue(file)!.FullName, CommonOptions.Reading(parse.GetValue(lenient)));
            var summary = MidiSummary.Of(midi);
            if (parse.GetValue(json)) CliJson.Write(parse.Out(), summary);
            else PrintText(summary, parse.Out());
            return ExitCodes.Success;
        }));
        return new Command("midi", "Work with MIDI files") { inspect };
    }

    private static void PrintText(MidiSummary s, TextWriter o)
    {
        var ic = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(ic, $"format {s.Format}, {(s.TicksPerQuarter is { } q ? $"{q} ticks per quarter" : s.Smpte)}, {s.Tracks.Count} tracks, {s.Notes} notes, {s.DurationSeconds:0.###} s"));
        for (var i = 0; i < s.Tracks.Count; i++)
        {
            var t = s.Tracks[i];
            o.WriteLine(string.Create(ic, $"  track {i}: {(t.Name is null ? "(no name)" : $"\"{t.Name}\"")}, {t.Events} events, {t.Notes} notes{(t.Channels.Count > 0 ? ", channels " + string.Join(",", t.Channels) : "")}"));
        }
        foreach (var t in s.Tempos) o.WriteLine(string.Create(ic, $"  tempo at tick {t.Tick} ({t.Seconds:0.###} s): {t.Bpm:0.###} BPM"));
        foreach (var t in s.TimeSignatures) o.WriteLine(string.Create(ic, $"  time signature at tick {t.Tick}: {t.Numerator}/{t.Denominator}"));
        foreach (var r in s.Repairs) o.WriteLine(string.Create(ic, $"  repaired: {r}"));
    }
}
