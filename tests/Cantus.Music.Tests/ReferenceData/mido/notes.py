#!/usr/bin/env python3
"""Independent cross-check: reads MIDI files with Debian's python3-mido and prints, per file,
the note count and every note's (on, off) time in seconds as JSON lines.
Notes are matched first-in first-out per (track, channel, pitch), like Cantus; notes still
open close at the end of their track. Times honour tempo changes (mido.tick2second on a
merged tempo map for formats 0/1)."""
import json, sys
import mido

def tempo_map(mid):
    changes = []
    tracks = mid.tracks if mid.type != 2 else mid.tracks[:1]
    for track in tracks:
        t = 0
        for msg in track:
            t += msg.time
            if msg.type == 'set_tempo':
                changes.append((t, msg.tempo))
    changes.sort(key=lambda c: c[0])
    return changes

def seconds(tick, changes, tpq):
    s, last_tick, tempo = 0.0, 0, 500000
    for t, new in changes:
        if t > tick:
            break
        s += mido.tick2second(t - last_tick, tpq, tempo)
        last_tick, tempo = t, new
    return s + mido.tick2second(tick - last_tick, tpq, tempo)

for path in sys.argv[1:]:
    mid = mido.MidiFile(path)
    changes = tempo_map(mid)
    notes = []
    for track in mid.tracks:
        t, open_notes = 0, {}
        for msg in track:
            t += msg.time
            if msg.type == 'note_on' and msg.velocity > 0:
                open_notes.setdefault((msg.channel, msg.note), []).append(t)
            elif msg.type in ('note_off', 'note_on'):
                q = open_notes.get((msg.channel, msg.note))
                if q:
                    notes.append((q.pop(0), t, msg.note))
        for (ch, note), q in open_notes.items():
            for on in q:
                notes.append((on, t, note))
    notes.sort()
    print(json.dumps({'path': path, 'notes': [[seconds(a, changes, mid.ticks_per_beat), seconds(b, changes, mid.ticks_per_beat), n] for a, b, n in notes]}))
