namespace Cantus.Music.Midi;

/// <summary>
/// Reads the events of one MTrk chunk body (SMF 1.0 §2.3): delta-time, then a channel
/// message (running status allowed), a sysex (F0/F7) or a meta event (FF). Running status
/// survives meta and sysex events, as most readers (and files in the wild) assume.
/// </summary>
internal ref struct TrackChunkReader(
    ReadOnlySpan<byte> body, int bodyOffset, int track, bool lenient, MidiLimits limits, List<string> repairs)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _pos;
    private int _eventIndex;
    private bool _resumeAtStatus; // a message was cut short by a status byte: that byte starts the next event, at delta 0

    public List<MidiEvent> ReadEvents(ref long totalEvents)
    {
        var events = new List<MidiEvent>(Math.Min(_body.Length / 3 + 1, 4096));
        long tick = 0;
        byte running = 0;
        var ended = false;
        while (_pos < _body.Length)
        {
            var eventStart = _pos;
            long delta = 0;
            if (_resumeAtStatus) _resumeAtStatus = false;
            else if (!TryReadVariableLength(out delta, "delta-time")) break;
            tick += delta;
            if (tick > limits.MaxTicks)
                throw Error($"event at tick {tick} is beyond the limit of {limits.MaxTicks} ticks", eventStart);
            if (_pos >= _body.Length)
            {
                Problem("the track ends after a delta-time, without an event", "dropped the delta-time", eventStart);
                break;
            }
            if (++totalEvents > limits.MaxEvents)
                throw Error($"more than {limits.MaxEvents} events in the file", eventStart);

            var status = _body[_pos];
            MidiEvent? e;
            if (status == 0xFF) e = ReadMeta(tick, eventStart);
            else if (status is 0xF0 or 0xF7) e = ReadSysEx(tick, status, eventStart);
            else if (status >= 0x80 && status < 0xF0)
            {
                _pos++;
                running = status;
                e = ReadChannel(tick, status, eventStart);
            }
            else if (status < 0x80)
            {
                if (running == 0)
                {
                    Problem($"data byte 0x{status:X2} with no running status", "skipped the byte", eventStart);
                    _pos++;
                    continue;
                }
                e = ReadChannel(tick, running, eventStart);
            }
            else
            {
                Problem($"status 0x{status:X2} (system common/real-time) is not allowed in a MIDI file", "skipped it", eventStart);
                _pos += 1 + status switch { 0xF2 => 2, 0xF1 or 0xF3 => 1, _ => 0 };
                continue;
            }
            if (e is null)
            {
                if (_pos > _body.Length) break; // truncated event, already reported
                continue;
            }
            events.Add(e);
            _eventIndex++;
            if (e is MetaEvent { IsEndOfTrack: true })
            {
                ended = true;
                if (_pos < _body.Length)
                    Problem($"{_body.Length - _pos} bytes after the end-of-track event", "ignored them", _pos);
                break;
            }
        }
        if (!ended)
        {
            Problem("the track has no end-of-track event", "added one at the last event", _pos);
            events.Add(MetaEvent.CreateEndOfTrack(tick));
        }
        return events;
    }

    private ChannelEvent? ReadChannel(long tick, byte status, int eventStart)
    {
        var command = (MidiCommand)(status & 0xF0);
        var count = ChannelEvent.HasSecondDataByte(command) ? 2 : 1;
        Span<int> data = stackalloc int[2];
        for (var i = 0; i < count; i++)
        {
            if (_pos >= _body.Length)
            {
                Problem($"the track ends inside a 0x{status:X2} message", "dropped the message", eventStart);
                _pos = _body.Length + 1;
                return null;
            }
            var b = _body[_pos];
            if (b >= 0x80)
            {
                Problem($"status byte 0x{b:X2} where a data byte of a 0x{status:X2} message was expected", "dropped the message", _pos);
                _resumeAtStatus = true;
                return null; // the status byte is read again as the next event's status
            }
            data[i] = b;
            _pos++;
        }
        return new ChannelEvent(tick, command, status & 0x0F, data[0], data[1]);
    }

    private SysExEvent? ReadSysEx(long tick, byte status, int eventStart)
    {
        _pos++;
        if (!TryReadVariableLength(out var length, "sysex length")) return null;
        if (length > _body.Length - _pos)
        {
            Problem($"sysex declares {length} bytes but only {_body.Length - _pos} remain in the track", "dropped it", eventStart);
            _pos = _body.Length + 1;
            return null;
        }
        var data = _body.Slice(_pos, (int)length).ToArray();
        _pos += (int)length;
        return new SysExEvent(tick, status == 0xF7, data);
    }

    private MetaEvent? ReadMeta(long tick, int eventStart)
    {
        _pos++;
        if (_pos >= _body.Length)
        {
            Problem("the track ends inside a meta event", "dropped it", eventStart);
            _pos = _body.Length + 1;
            return null;
        }
        var type = _body[_pos++];
        if (type > 0x7F)
        {
            Problem($"meta event type 0x{type:X2} is above 0x7F", "dropped it", eventStart);
            _pos = _body.Length + 1;
            return null;
        }
        if (!TryReadVariableLength(out var length, "meta event length")) return null;
        if (length > _body.Length - _pos)
        {
            Problem($"meta event 0x{type:X2} declares {length} bytes but only {_body.Length - _pos} remain in the track", "dropped it", eventStart);
            _pos = _body.Length + 1;
            return null;
        }
        var data = _body.Slice(_pos, (int)length).ToArray();
        _pos += (int)length;
        return Validate(new MetaEvent(tick, type, data), eventStart);
    }

    private MetaEvent? Validate(MetaEvent e, int eventStart)
    {
        var d = e.Data;
        switch (e.Type)
        {
            case MetaEventType.Tempo when d.Length != 3:
                Problem($"tempo event has {d.Length} data bytes, not 3", "dropped it", eventStart);
                return null;
            case MetaEventType.Tempo when e.MicrosecondsPerQuarter == 0:
                Problem("tempo of 0 microseconds per quarter note", "used 500000 (120 BPM)", eventStart);
                return MetaEvent.CreateTempo(e.Tick, 500_000);
            case MetaEventType.TimeSignature when d.Length != 4:
                Problem($"time signature has {d.Length} data bytes, not 4", "dropped it", eventStart);
                return null;
            case MetaEventType.TimeSignature when d[0] == 0 || d[1] is 0 or > 6:
                Problem($"time signature {d[0]}/2^{d[1]}: numerator must be 1..255 and the denominator exponent 1..6", "used 4/4", eventStart);
                return MetaEvent.CreateTimeSignature(e.Tick, 4, 2);
            case MetaEventType.KeySignature when d.Length != 2 || (sbyte)d[0] is < -7 or > 7 || d[1] > 1:
                Problem("key signature must be 2 bytes, sharps/flats −7..7 and mode 0 or 1", "dropped it", eventStart);
                return null;
            case MetaEventType.EndOfTrack when d.Length != 0:
                Problem($"end-of-track event has {d.Length} data bytes, not 0", "ignored them", eventStart);
                return MetaEvent.CreateEndOfTrack(e.Tick);
            case MetaEventType.SmpteOffset when d.Length != 5:
                Problem($"SMPTE offset has {d.Length} data bytes, not 5", "dropped it", eventStart);
                return null;
            default:
                return e;
        }
    }

    /// <summary>Reads a variable-length quantity of at most 4 bytes (SMF 1.0: largest 0x0FFFFFFF).</summary>
    private bool TryReadVariableLength(out long value, string what)
    {
        value = 0;
        var start = _pos;
        for (var i = 0; i < 4; i++)
        {
            if (_pos >= _body.Length)
            {
                Problem($"the track ends inside a {what}", "stopped reading the track", start);
                _pos = _body.Length + 1;
                return false;
            }
            var b = _body[_pos++];
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0) return true;
        }
        throw Error($"{what} is longer than 4 bytes (a variable-length quantity holds at most 0x0FFFFFFF)", start);
    }

    private void Problem(string problem, string repair, int at)
    {
        if (!lenient) throw Error(problem, at);
        repairs.Add($"{problem}; {repair} (chunk MTrk, track {track}, event {_eventIndex}, byte offset {bodyOffset + at})");
    }

    private MidiFormatException Error(string problem, int at) => new(problem, "MTrk", track, _eventIndex, bodyOffset + at);
}
