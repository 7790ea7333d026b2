namespace Cantus.Music.Midi;

/// <summary>
/// A Standard MIDI File (SMF 1.0): format 0 (one track), 1 (simultaneous tracks) or 2
/// (independent sequences, one per track), its time division and its tracks.
/// </summary>
public sealed class MidiFile
{
    /// <summary>Creates a file; format must be 0, 1 or 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown format.</exception>
    public MidiFile(int format, TimeDivision division, IEnumerable<MidiTrack> tracks, IEnumerable<string>? repairs = null)
    {
        if (format is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(format), format, "SMF format must be 0, 1 or 2.");
        ArgumentNullException.ThrowIfNull(tracks);
        Format = format;
        Division = division;
        Tracks = [.. tracks];
        Repairs = repairs is null ? [] : [.. repairs];
    }

    /// <summary>SMF format 0, 1 or 2.</summary>
    public int Format { get; }

    /// <summary>Ticks per quarter note or SMPTE timing.</summary>
    public TimeDivision Division { get; }

    /// <summary>The track chunks in file order.</summary>
    public List<MidiTrack> Tracks { get; }

    /// <summary>What lenient reading repaired, one sentence each; empty for an intact file.</summary>
    public IReadOnlyList<string> Repairs { get; }

    /// <summary>Reads a file from disk (plain SMF or RIFF RMID).</summary>
    /// <exception cref="MidiFormatException">The file is malformed or exceeds a limit.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static MidiFile Read(string path, MidiReadingSettings? settings = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, settings);
    }

    /// <summary>Reads a file from a stream, at most <see cref="MidiLimits.MaxFileBytes"/> bytes.</summary>
    /// <exception cref="MidiFormatException">The file is malformed or exceeds a limit.</exception>
    public static MidiFile Read(Stream stream, MidiReadingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        settings ??= MidiReadingSettings.Strict;
        var max = settings.Limits.MaxFileBytes;
        if (stream.CanSeek && stream.Length - stream.Position > max)
            throw new MidiFormatException($"the file has {stream.Length - stream.Position} bytes, more than the limit of {max}");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > max) throw new MidiFormatException($"the file is larger than the limit of {max} bytes");
            buffer.Write(chunk, 0, n);
        }
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), settings);
    }

    /// <summary>Parses the bytes of a file.</summary>
    /// <exception cref="MidiFormatException">The bytes are malformed or exceed a limit.</exception>
    public static MidiFile Parse(ReadOnlySpan<byte> bytes, MidiReadingSettings? settings = null) =>
        new MidiReader(settings ?? MidiReadingSettings.Strict).Read(bytes);

    /// <summary>Writes the file as SMF to <paramref name="stream"/>.</summary>
    public void Write(Stream stream, bool useRunningStatus = true) => MidiWriter.Write(this, stream, useRunningStatus);

    /// <summary>Writes the file as SMF to <paramref name="path"/> (atomically: <see cref="IO.AtomicFile"/>).</summary>
    public void Write(string path, bool useRunningStatus = true)
    {
        IO.AtomicFile.Write(path, stream => Write(stream, useRunningStatus));
    }

    /// <summary>The file as SMF bytes.</summary>
    public byte[] ToBytes(bool useRunningStatus = true)
    {
        using var ms = new MemoryStream();
        Write(ms, useRunningStatus);
        return ms.ToArray();
    }

    /// <summary>All note-on events (velocity above zero) over all tracks.</summary>
    public int NoteCount => Tracks.Sum(t => t.NoteCount);

    /// <summary>The tempo map of the whole file (formats 0, 1) or of track <paramref name="track"/> (format 2).</summary>
    public TempoMap GetTempoMap(int track = 0) => TempoMap.Create(this, track);
}
