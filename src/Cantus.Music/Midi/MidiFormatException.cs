namespace Cantus.Music.Midi;

/// <summary>
/// A Standard MIDI File is malformed or exceeds a limit. The message names the chunk, the
/// track, the event index and the byte offset where the problem was found.
/// </summary>
public sealed class MidiFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="problem"/> says what is wrong.</summary>
    public MidiFormatException(string problem, string? chunk = null, int? track = null, int? eventIndex = null, long? byteOffset = null)
        : base(Describe(problem, chunk, track, eventIndex, byteOffset))
    {
        Problem = problem;
        Chunk = chunk;
        Track = track;
        EventIndex = eventIndex;
        ByteOffset = byteOffset;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>Chunk type ("MThd", "MTrk", ...) where the problem was found, if any.</summary>
    public string? Chunk { get; }

    /// <summary>Zero-based track chunk index, if any.</summary>
    public int? Track { get; }

    /// <summary>Zero-based event index inside the track, if any.</summary>
    public int? EventIndex { get; }

    /// <summary>Byte offset from the start of the file, if known.</summary>
    public long? ByteOffset { get; }

    private static string Describe(string problem, string? chunk, int? track, int? eventIndex, long? byteOffset)
    {
        var where = new List<string>(4);
        if (chunk is not null) where.Add($"chunk {chunk}");
        if (track is not null) where.Add($"track {track}");
        if (eventIndex is not null) where.Add($"event {eventIndex}");
        if (byteOffset is not null) where.Add($"byte offset {byteOffset}");
        return where.Count == 0 ? $"invalid MIDI file: {problem}" : $"invalid MIDI file: {problem} ({string.Join(", ", where)})";
    }
}
