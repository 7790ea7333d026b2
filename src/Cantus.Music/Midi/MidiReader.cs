using System.Buffers.Binary;
using System.Text;

namespace Cantus.Music.Midi;

/// <summary>
/// Parses SMF 1.0 bytes (or a RIFF RMID wrapper) into a <see cref="MidiFile"/>. Strict mode
/// throws <see cref="MidiFormatException"/> at the first problem; lenient mode repairs what
/// it can and records each repair. Every length is checked against the bytes that remain
/// and against <see cref="MidiLimits"/> before anything is allocated for it.
/// </summary>
internal sealed class MidiReader(MidiReadingSettings settings)
{
    private readonly bool _lenient = settings.IsLenient;
    private readonly MidiLimits _limits = settings.Limits;
    private readonly List<string> _repairs = [];
    private int _baseOffset; // offset of the SMF inside the file (RMID)
    private long _totalEvents;

    public MidiFile Read(ReadOnlySpan<byte> file)
    {
        if (file.Length > _limits.MaxFileBytes)
            throw new MidiFormatException($"the file has {file.Length} bytes, more than the limit of {_limits.MaxFileBytes}");
        var smf = Unwrap(file);
        if (smf.Length < 4 || !smf[..4].SequenceEqual("MThd"u8))
            throw new MidiFormatException($"not a Standard MIDI File: expected 'MThd' at the start, found {Describe(smf[..Math.Min(4, smf.Length)])}", byteOffset: _baseOffset);
        if (smf.Length < 14) throw new MidiFormatException($"the file ends inside the header chunk ({smf.Length} bytes, a header needs 14)", "MThd", byteOffset: _baseOffset + smf.Length);
        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(smf[4..]);
        if (headerLength < 6) throw new MidiFormatException($"header chunk length {headerLength} is less than 6", "MThd", byteOffset: _baseOffset + 4);
        if (headerLength > (uint)(smf.Length - 8)) throw new MidiFormatException($"header chunk length {headerLength} exceeds the file", "MThd", byteOffset: _baseOffset + 4);

        int format = BinaryPrimitives.ReadUInt16BigEndian(smf[8..]);
        int declaredTracks = BinaryPrimitives.ReadUInt16BigEndian(smf[10..]);
        var division = ReadDivision(BinaryPrimitives.ReadUInt16BigEndian(smf[12..]));
        if (format > 2)
        {
            Problem($"unknown SMF format {format}", "read as format 1", "MThd", offset: 8);
            format = 1;
        }
        if (declaredTracks > _limits.MaxTracks)
            throw new MidiFormatException($"header declares {declaredTracks} tracks, more than the limit of {_limits.MaxTracks}", "MThd", byteOffset: _baseOffset + 10);

        var tracks = new List<MidiTrack>(Math.Min(declaredTracks, 64));
        var pos = 8 + (int)headerLength;
        while (pos < smf.Length)
        {
            var remaining = smf.Length - pos;
            if (remaining < 8)
            {
                Problem($"{remaining} stray bytes at the end of the file, too few for a chunk", "ignored them", offset: pos);
                break;
            }
            var type = smf.Slice(pos, 4);
            var length = BinaryPrimitives.ReadUInt32BigEndian(smf[(pos + 4)..]);
            var bodyStart = pos + 8;
            var available = smf.Length - bodyStart;
            var typeName = Describe(type);
            if (!type.SequenceEqual("MTrk"u8))
            {
                if (length > (uint)available)
                {
                    Problem($"chunk {typeName} declares {length} bytes but only {available} remain", "stopped reading", typeName, offset: pos + 4);
                    break;
                }
                pos = bodyStart + (int)length; // unknown chunks are skipped (SMF 1.0 §2)
                continue;
            }
            var trackIndex = tracks.Count;
            if (trackIndex >= _limits.MaxTracks)
                throw new MidiFormatException($"more than {_limits.MaxTracks} track chunks", "MTrk", trackIndex, byteOffset: _baseOffset + pos);
            var bodyLength = (int)Math.Min(length, (uint)available);
            if (length > (uint)available)
                Problem($"track chunk declares {length} bytes but only {available} remain", $"read the {available} bytes present", "MTrk", trackIndex, offset: pos + 4);
            tracks.Add(ReadTrack(smf.Slice(bodyStart, bodyLength), bodyStart, trackIndex));
            pos = bodyStart + bodyLength;
        }

        if (tracks.Count != declaredTracks)
            Problem($"header declares {declaredTracks} tracks but the file has {tracks.Count}", $"kept the {tracks.Count} found", "MThd", offset: 10);
        if (tracks.Count == 0) throw new MidiFormatException("the file has no track chunk", "MTrk", byteOffset: _baseOffset + pos);
        if (format == 0 && tracks.Count != 1)
        {
            Problem($"format 0 must have exactly one track but the file has {tracks.Count}", "read it as format 1", "MThd", offset: 8);
            format = 1;
        }

        var midi = new MidiFile(format, division, tracks, _repairs);
        CheckDuration(midi);
        return midi;
    }

    private ReadOnlySpan<byte> Unwrap(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8)) return file;
        var form = file.Slice(8, 4);
        if (form.SequenceEqual("WAVE"u8)) throw new MidiFormatException("this is a WAV audio file (RIFF WAVE), not a MIDI file");
        if (!form.SequenceEqual("RMID"u8)) throw new MidiFormatException($"this is a RIFF {Describe(form)} file, not a MIDI file");
        var pos = 12;
        while (pos + 8 <= file.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file[(pos + 4)..]);
            var available = file.Length - pos - 8;
            if (file.Slice(pos, 4).SequenceEqual("data"u8))
            {
                var n = (int)Math.Min(size, (uint)available);
                if (size > (uint)available) Problem($"RMID data chunk declares {size} bytes but only {available} remain", "read what is present", "RIFF data", offset: pos + 4);
                _baseOffset = pos + 8;
                return file.Slice(pos + 8, n);
            }
            if (size > (uint)available) break;
            pos += 8 + (int)size + (int)(size & 1); // RIFF chunks are word-aligned
        }
        throw new MidiFormatException("RIFF RMID file has no 'data' chunk");
    }

    private TimeDivision ReadDivision(ushort word)
    {
        if ((word & 0x8000) != 0)
        {
            var fps = -(sbyte)(word >> 8);
            var tpf = word & 0xFF;
            if (fps is not (24 or 25 or 29 or 30) || tpf == 0)
            {
                Problem($"SMPTE division with {fps} frames per second and {tpf} ticks per frame", "assumed 480 ticks per quarter", "MThd", offset: 12);
                return TimeDivision.PerQuarter(480);
            }
            return TimeDivision.Smpte(fps, tpf);
        }
        if (word == 0)
        {
            Problem("division is 0 ticks per quarter note", "assumed 480 ticks per quarter", "MThd", offset: 12);
            return TimeDivision.PerQuarter(480);
        }
        return TimeDivision.PerQuarter(word);
    }

    private MidiTrack ReadTrack(ReadOnlySpan<byte> body, int bodyOffset, int trackIndex)
    {
        var reader = new TrackChunkReader(body, bodyOffset + _baseOffset, trackIndex, _lenient, _limits, _repairs);
        var events = reader.ReadEvents(ref _totalEvents);
        return new MidiTrack(events);
    }

    private void CheckDuration(MidiFile midi)
    {
        for (var i = 0; i < midi.Tracks.Count; i++)
        {
            if (midi.Format != 2 && i > 0) break;
            var map = TempoMap.Create(midi, i);
            var end = midi.Format == 2 ? midi.Tracks[i].EndTick : midi.Tracks.Max(t => t.EndTick);
            var seconds = map.ToSeconds(end);
            if (seconds > _limits.MaxDurationSeconds)
                throw new MidiFormatException($"the music lasts {seconds:0} s, more than the limit of {_limits.MaxDurationSeconds:0} s", "MTrk", i);
        }
    }

    private void Problem(string problem, string repair, string? chunk = null, int? track = null, int? eventIndex = null, long? offset = null)
    {
        var absolute = offset is null ? (long?)null : offset + _baseOffset;
        if (!_lenient) throw new MidiFormatException(problem, chunk, track, eventIndex, absolute);
        _repairs.Add(new MidiFormatException($"{problem}; {repair}", chunk, track, eventIndex, absolute).Message["invalid MIDI file: ".Length..]);
    }

    internal static string Describe(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is < 0x20 or > 0x7E) return Convert.ToHexString(bytes);
        return $"'{Encoding.ASCII.GetString(bytes)}'";
    }
}
