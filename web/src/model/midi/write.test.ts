import { describe, expect, it } from "vitest";
import type { Note, Song, Track } from "../song";
import { readMidi, writeMidi } from "./index";

function bytes(...parts: readonly (number | string)[]): number[] {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === "string") for (const ch of p) out.push(ch.charCodeAt(0));
    else out.push(p);
  }
  return out;
}

function note(id: number, pitch: number, start: number, duration: number, velocity: number): Note {
  return { id, pitch, start, duration, velocity };
}

describe("writeMidi", () => {
  it("writes the exact bytes of a small song", () => {
    const song: Song = {
      ppq: 96,
      bpm: 150,
      beatsPerBar: 7,
      beatUnit: 8,
      tracks: [
        // notes out of order on purpose; 60 ends where 64 starts
        { id: "a", name: "Keys", role: "melody", program: 4, channel: 0, notes: [note(5, 64, 96, 48, 70), note(2, 60, 0, 96, 100)] },
        { id: "b", name: "Kit", role: "accompaniment", program: 25, channel: 9, notes: [note(1, 36, 0, 24, 127)] },
      ],
    };
    expect([...writeMidi(song)]).toEqual(
      bytes(
        "MThd", 0, 0, 0, 6, // header, length 6
        0, 1, 0, 3, 0, 0x60, // format 1, 3 tracks, 96 ppq
        "MTrk", 0, 0, 0, 0x13, // conductor track, 19 bytes
        0x00, 0xff, 0x51, 3, 0x06, 0x1a, 0x80, // tempo 400000 µs = 150 bpm
        0x00, 0xff, 0x58, 4, 7, 3, 24, 8, // time signature 7/8
        0x00, 0xff, 0x2f, 0, // end of track
        "MTrk", 0, 0, 0, 0x1f, // "Keys", 31 bytes
        0x00, 0xff, 0x03, 4, "Keys", // track name
        0x00, 0xc0, 4, // program 4
        0x00, 0x90, 60, 100, // t=0 note on 60
        0x60, 0x80, 60, 0x40, // t=96 note off 60, before the note on at the same tick
        0x00, 0x90, 64, 70, // t=96 note on 64 (status repeated: no running status)
        0x30, 0x80, 64, 0x40, // t=144 note off 64
        0x00, 0xff, 0x2f, 0, // end of track
        "MTrk", 0, 0, 0, 0x13, // "Kit", 19 bytes
        0x00, 0xff, 0x03, 3, "Kit", // track name
        0x00, 0x99, 36, 127, // t=0 note on 36, channel 10: no program change
        0x18, 0x89, 36, 0x40, // t=24 note off
        0x00, 0xff, 0x2f, 0, // end of track
      ),
    );
  });

  it("writes long delta times as multi-byte quantities", () => {
    const song: Song = {
      ppq: 480, bpm: 120, beatsPerBar: 4, beatUnit: 4,
      tracks: [{ id: "a", name: "", role: "melody", program: 0, channel: 0, notes: [note(1, 60, 0x4000, 1, 64)] }],
    };
    const out = [...writeMidi(song)];
    // 0x4000 ticks = 0x81 0x80 0x00, then the note on
    const at = out.findIndex((_, i) => out[i] === 0x81 && out[i + 1] === 0x80 && out[i + 2] === 0x00 && out[i + 3] === 0x90);
    expect(at).toBeGreaterThan(0);
  });

  it("refuses a ppq a MIDI header cannot hold", () => {
    const song: Song = { ppq: 40000, bpm: 120, beatsPerBar: 4, beatUnit: 4, tracks: [] };
    expect(() => writeMidi(song)).toThrow(RangeError);
  });
});

describe("write then read", () => {
  const strings: Track = {
    id: "s", name: "Strings", role: "accompaniment", program: 48, channel: 2,
    notes: [note(9, 55, 0, 1920, 60), note(3, 59, 0, 1920, 61), note(4, 62, 100_000, 7, 127), note(1, 50, 960, 1, 1)],
  };
  const melody: Track = {
    id: "m", name: "Melody — flûte", role: "melody", program: 73, channel: 0,
    notes: [note(2, 72, 240, 200, 90), note(8, 74, 480, 120, 91), note(6, 72, 960, 480, 92)],
  };
  const drums: Track = {
    id: "d", name: "Drums", role: "accompaniment", program: 0, channel: 9,
    notes: [note(1, 36, 0, 60, 120), note(2, 42, 0, 30, 80), note(3, 38, 480, 60, 110)],
  };
  const song: Song = { ppq: 480, bpm: 96, beatsPerBar: 6, beatUnit: 8, tracks: [strings, melody, drums] };

  function renumbered(notes: readonly Note[]): Omit<Note, "id">[] {
    return [...notes]
      .sort((a, b) => a.start - b.start || a.pitch - b.pitch)
      .map(({ pitch, start, duration, velocity }) => ({ pitch, start, duration, velocity }));
  }

  it("gives back the same song", () => {
    const { song: back, repairs } = readMidi(writeMidi(song));
    expect(repairs).toEqual([]);
    expect(back).toMatchObject({ ppq: 480, bpm: 96, beatsPerBar: 6, beatUnit: 8 });
    expect(back.tracks.map((t) => [t.name, t.role, t.program, t.channel])).toEqual([
      ["Strings", "accompaniment", 48, 2],
      ["Melody — flûte", "melody", 73, 0],
      ["Drums", "accompaniment", 0, 9],
    ]);
    back.tracks.forEach((t, i) => {
      expect(t.notes.map(({ pitch, start, duration, velocity }) => ({ pitch, start, duration, velocity }))).toEqual(
        renumbered(song.tracks[i]?.notes ?? []),
      );
      expect(t.notes.map((n) => n.id)).toEqual(t.notes.map((_, k) => k + 1));
    });
  });

  it("keeps a tempo that is not a whole number of microseconds", () => {
    const back = readMidi(writeMidi({ ...song, bpm: 140 })).song;
    expect(back.bpm).toBe(140);
  });

  it("ends an overlapped same-pitch note where the next starts, keeping the longer of two starting together", () => {
    const overlapping: Song = {
      ...song,
      tracks: [{ ...melody, notes: [note(1, 60, 0, 480, 100), note(2, 60, 240, 480, 90), note(3, 60, 240, 100, 80), note(4, 64, 0, 480, 70)] }],
    };
    const back = readMidi(writeMidi(overlapping)).song.tracks[0]?.notes ?? [];
    expect(back.map((n) => [n.pitch, n.start, n.duration, n.velocity])).toEqual([
      [60, 0, 240, 100],
      [64, 0, 480, 70],
      [60, 240, 480, 90], // of the two starting at 240 the longer is kept
    ]);
  });

  it("clamps values out of range", () => {
    const wild: Song = { ...song, tracks: [{ ...melody, program: 300, notes: [note(1, 140, -20, 0, 0)] }] };
    const back = readMidi(writeMidi(wild)).song.tracks[0];
    expect(back?.program).toBe(127);
    expect(back?.notes.map((n) => [n.pitch, n.start, n.duration, n.velocity])).toEqual([[127, 0, 1, 1]]);
  });
});
