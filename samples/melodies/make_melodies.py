#!/usr/bin/env python3
"""Writes the sample melodies (public-domain tunes, notes entered here by hand) as one-track
MIDI files, 480 ticks per quarter, 100 BPM, 4/4. Run with Debian's python3-mido:
    /usr/bin/python3 samples/melodies/make_melodies.py"""
import os
import mido

HERE = os.path.dirname(os.path.abspath(__file__))
Q = 480
NAMES = {'C': 0, 'D': 2, 'E': 4, 'F': 5, 'G': 7, 'A': 9, 'B': 11}

def pitch(name):
    # e.g. 'C4' = 60, 'F#4' = 66, 'Bb3' = 58
    base = NAMES[name[0]]
    rest = name[1:]
    while rest and rest[0] in '#b':
        base += 1 if rest[0] == '#' else -1
        rest = rest[1:]
    return 12 * (int(rest) + 1) + base

def write(filename, title, notes):
    """notes: list of (name or None for a rest, beats)."""
    mid = mido.MidiFile(type=1, ticks_per_beat=Q)
    conductor = mido.MidiTrack()
    conductor.append(mido.MetaMessage('set_tempo', tempo=mido.bpm2tempo(100)))
    conductor.append(mido.MetaMessage('time_signature', numerator=4, denominator=4))
    melody = mido.MidiTrack()
    melody.append(mido.MetaMessage('track_name', name=title))
    melody.append(mido.Message('program_change', program=0, channel=0))
    wait = 0
    for name, beats in notes:
        ticks = int(beats * Q)
        if name is None:
            wait += ticks
            continue
        melody.append(mido.Message('note_on', note=pitch(name), velocity=96, time=wait))
        melody.append(mido.Message('note_off', note=pitch(name), velocity=0, time=ticks))
        wait = 0
    total = sum(int(b * Q) for _, b in notes)
    conductor.append(mido.MetaMessage('end_of_track', time=total))
    melody.append(mido.MetaMessage('end_of_track', time=wait))
    mid.tracks += [conductor, melody]
    mid.save(os.path.join(HERE, filename))

def seq(text):
    out = []
    for token in text.split():
        name, beats = token.split(':')
        out.append((None if name == 'R' else name, float(beats)))
    return out

write('twinkle-twinkle.mid', 'Twinkle Twinkle Little Star', seq(
    'C4:1 C4:1 G4:1 G4:1 A4:1 A4:1 G4:2 F4:1 F4:1 E4:1 E4:1 D4:1 D4:1 C4:2 '
    'G4:1 G4:1 F4:1 F4:1 E4:1 E4:1 D4:2 G4:1 G4:1 F4:1 F4:1 E4:1 E4:1 D4:2'))
write('ode-to-joy.mid', 'Ode to Joy', seq(
    'E4:1 E4:1 F4:1 G4:1 G4:1 F4:1 E4:1 D4:1 C4:1 C4:1 D4:1 E4:1 E4:1.5 D4:0.5 D4:2 '
    'E4:1 E4:1 F4:1 G4:1 G4:1 F4:1 E4:1 D4:1 C4:1 C4:1 D4:1 E4:1 D4:1.5 C4:0.5 C4:2'))
write('deck-the-halls.mid', 'Deck the Halls', seq(
    'G4:1.5 F4:0.5 E4:1 D4:1 C4:1 D4:1 E4:1 C4:1 D4:0.5 E4:0.5 F4:0.5 D4:0.5 E4:1.5 D4:0.5 C4:1 B3:1 C4:2 R:2 '
    'G4:1.5 F4:0.5 E4:1 D4:1 C4:1 D4:1 E4:1 C4:1 D4:0.5 E4:0.5 F4:0.5 D4:0.5 E4:1.5 D4:0.5 C4:1 B3:1 C4:4'))
write('pickup-melody.mid', 'Melody with leading silence', seq(
    'R:3 G4:1 C5:2 B4:1 A4:1 G4:2 E4:2 F4:1 G4:1 A4:1 F4:1 G4:4'))
