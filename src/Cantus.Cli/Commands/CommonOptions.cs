using System.CommandLine;
using Cantus.Music.Midi;

namespace Cantus.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text" };

    public static Option<bool> Lenient() => new("--lenient")
    {
        Description = "Repair damaged MIDI files where possible (truncated tracks, missing end of track, bad lengths, stray bytes) and report the repairs",
    };

    public static MidiReadingSettings Reading(bool lenient) => lenient ? MidiReadingSettings.Lenient : MidiReadingSettings.Strict;
}
