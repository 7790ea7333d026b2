using System.Globalization;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Composing;

/// <summary>
/// The melody taken from an input MIDI file: the chosen track's note events as they are (for the
/// output's first track, note for note), its piano roll on the 16th-note grid over the whole
/// piece's length, tempo and time signature (100 BPM when the file has no tempo, as DeepComposer).
/// </summary>
internal sealed class MelodyInput
{
    private MelodyInput(MidiFile source, int trackIndex, IReadOnlyList<ChannelEvent> notes, Multitrack roll, int program)
    {
        Source = source;
        TrackIndex = trackIndex;
        Notes = notes;
        Roll = roll;
        Program = program;
    }

    /// <summary>The input as format 1 (a format-0 file is split into one track per channel).</summary>
    public MidiFile Source { get; }

    /// <summary>Index of the melody in <see cref="Source"/>'s tracks.</summary>
    public int TrackIndex { get; }

    /// <summary>The melody's note-on/off events, ticks of the input.</summary>
    public IReadOnlyList<ChannelEvent> Notes { get; }

    /// <summary>One track, the melody, over the whole piece (the end of the longest track).</summary>
    public Multitrack Roll { get; }

    /// <summary>The melody's first program change (0 when none).</summary>
    public int Program { get; }

    public PianoRollTrack Melody => Roll.Tracks[0];

    /// <summary>
    /// Picks the melody: <paramref name="selector"/> is a track number (0-based index of the file's
    /// tracks, format 0 split by channel first) or a track name (case-insensitive); null picks the
    /// first track with pitched notes.
    /// </summary>
    /// <exception cref="InvalidDataException">No notes, only drums, or the chosen track has no pitched notes.</exception>
    /// <exception cref="ArgumentException">The selector names no track.</exception>
    public static MelodyInput Read(MidiFile input, string? selector)
    {
        ArgumentNullException.ThrowIfNull(input);
        var file = input.Format == 0 ? SplitChannels(input) : input;
        if (file.NoteCount == 0) throw new InvalidDataException("The MIDI file has no notes: there is no melody to accompany.");
        int index;
        if (selector is null)
        {
            index = file.Tracks.FindIndex(t => PitchedNotes(t).Any());
            if (index < 0) throw new InvalidDataException("The MIDI file has only drum notes (channel 10): there is no pitched melody to accompany.");
        }
        else if (int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            if (n >= file.Tracks.Count) throw new ArgumentException($"The MIDI file has {file.Tracks.Count} tracks (0..{file.Tracks.Count - 1}); there is no track {n}.", "melodyTrack");
            index = n;
        }
        else
        {
            index = file.Tracks.FindIndex(t => string.Equals(t.Name?.Trim(), selector.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
                throw new ArgumentException($"No track is named '{selector}'; tracks: {string.Join(", ", file.Tracks.Select((t, i) => $"{i} '{t.Name}'"))}.", "melodyTrack");
        }
        var notes = PitchedNotes(file.Tracks[index]).ToList();
        if (notes.Count == 0)
        {
            var drums = file.Tracks[index].NoteCount > 0;
            throw new InvalidDataException($"Track {index}{(file.Tracks[index].Name is { } name ? $" '{name}'" : "")} has no {(drums ? "pitched notes (only drums)" : "notes")}: choose another melody track.");
        }
        // Keep every track's meta events and length (tempo, time signature, end), but only the melody's notes.
        var tracks = file.Tracks.Select((t, i) => new MidiTrack(t.Events.Where(e => e is not ChannelEvent c || (i == index && c.Channel != 9)))).ToList();
        var roll = MidiToMultitrack.Convert(new MidiFile(1, file.Division, tracks), new MidiImportOptions { DefaultTempoBpm = 100 });
        var program = file.Tracks[index].Events.OfType<ChannelEvent>().FirstOrDefault(e => e.Command == MidiCommand.ProgramChange)?.Data1 ?? 0;
        return new MelodyInput(file, index, notes, roll, program);
    }

    private static IEnumerable<ChannelEvent> PitchedNotes(MidiTrack track) =>
        track.Events.OfType<ChannelEvent>().Where(e => (e.IsNoteOn || e.IsNoteOff) && e.Channel != 9);

    /// <summary>A format-0 file as format 1: the meta events in track 0, then one track per channel in use.</summary>
    private static MidiFile SplitChannels(MidiFile input)
    {
        var all = input.Tracks.SelectMany(t => t.Events).ToList();
        var end = input.Tracks.Count == 0 ? 0 : input.Tracks.Max(t => t.EndTick);
        var tracks = new List<MidiTrack> { new(all.Where(e => e is not ChannelEvent)) };
        foreach (var channel in all.OfType<ChannelEvent>().Select(e => e.Channel).Distinct().Order())
        {
            var events = all.OfType<ChannelEvent>().Where(e => e.Channel == channel).Cast<MidiEvent>().ToList();
            events.Add(MetaEvent.CreateEndOfTrack(end));
            tracks.Add(new MidiTrack(events));
        }
        return new MidiFile(1, input.Division, tracks);
    }
}
