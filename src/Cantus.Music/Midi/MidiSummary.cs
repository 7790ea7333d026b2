namespace Cantus.Music.Midi;

/// <summary>What <c>cantus midi inspect</c> reports about a MIDI file; serialises to the documented JSON.</summary>
public sealed record MidiSummary(
    int Format,
    int? TicksPerQuarter,
    string? Smpte,
    IReadOnlyList<MidiSummary.TrackInfo> Tracks,
    int Notes,
    double DurationSeconds,
    IReadOnlyList<MidiSummary.TempoInfo> Tempos,
    IReadOnlyList<MidiSummary.TimeSignatureInfo> TimeSignatures,
    IReadOnlyList<string> Repairs)
{
    /// <summary>One track chunk: its name, number of events and of note-ons.</summary>
    public sealed record TrackInfo(string? Name, int Events, int Notes, IReadOnlyList<int> Channels);

    /// <summary>A tempo change.</summary>
    public sealed record TempoInfo(long Tick, double Seconds, int MicrosecondsPerQuarter, double Bpm);

    /// <summary>A time signature change.</summary>
    public sealed record TimeSignatureInfo(long Tick, int Numerator, int Denominator);

    /// <summary>Summarises <paramref name="midi"/>; the duration is the time of the last event, tempo changes honoured.</summary>
    public static MidiSummary Of(MidiFile midi)
    {
        ArgumentNullException.ThrowIfNull(midi);
        var tracks = midi.Tracks.Select(t => new TrackInfo(
            t.Name, t.Events.Count, t.NoteCount,
            [.. t.Events.OfType<ChannelEvent>().Select(e => e.Channel + 1).Distinct().Order()])).ToList();
        var duration = midi.Format == 2
            ? midi.Tracks.Select((t, i) => midi.GetTempoMap(i).ToSeconds(t.EndTick)).DefaultIfEmpty(0).Max()
            : midi.GetTempoMap().ToSeconds(midi.Tracks.Select(t => t.EndTick).DefaultIfEmpty(0).Max());
        var map = midi.GetTempoMap();
        var metas = midi.Tracks.SelectMany(t => t.Events).OfType<MetaEvent>().OrderBy(e => e.Tick).ToList();
        var tempos = metas.Where(e => e.MicrosecondsPerQuarter is > 0)
            .Select(e => new TempoInfo(e.Tick, map.ToSeconds(e.Tick), e.MicrosecondsPerQuarter!.Value, Math.Round(60e6 / e.MicrosecondsPerQuarter!.Value, 3)))
            .ToList();
        var signatures = metas.Where(e => e.Type == MetaEventType.TimeSignature && e.Data.Length >= 2)
            .Select(e => new TimeSignatureInfo(e.Tick, e.Data[0], 1 << Math.Min((int)e.Data[1], 30)))
            .ToList();
        return new MidiSummary(
            midi.Format,
            midi.Division.IsSmpte ? null : midi.Division.TicksPerQuarter,
            midi.Division.IsSmpte ? midi.Division.ToString() : null,
            tracks, midi.NoteCount, duration, tempos, signatures, midi.Repairs);
    }
}
