import { describe, expect, it } from "vitest";
import { MidiFormatError, readMidi } from "./index";

/** Bytes from numbers and ASCII strings, so that fixtures read like the file layout. */
function bytes(...parts: readonly (number | string | ArrayLike<number>)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === "string") for (const ch of p) out.push(ch.charCodeAt(0));
    else if (typeof p === "number") out.push(p);
    else for (let i = 0; i < p.length; i++) out.push(p[i] ?? 0);
  }
  return Uint8Array.from(out);
}

/** Format 0, 96 ppq, one track mixing channel 1 (piano) and channel 10 (drums), running status. */
const FORMAT0 = bytes(
  "MThd", 0, 0, 0, 6, // header chunk, length 6
  0, 0, 0, 1, 0, 0x60, // format 0, 1 track, 96 ticks per quarter
  "MTrk", 0, 0, 0, 0x3e, // track chunk, 62 bytes
  0x00, 0xff, 0x03, 4, "Song", // t=0 track name "Song"
  0x00, 0xff, 0x51, 3, 0x07, 0xa1, 0x20, // t=0 tempo 500000 µs/quarter = 120 bpm
  0x00, 0xff, 0x58, 4, 3, 2, 0x18, 0x08, // t=0 time signature 3/4
  0x00, 0xf0, 3, 0x7e, 0x7f, 0xf7, // t=0 sysex, skipped
  0x00, 0xc0, 5, // t=0 channel 1 program 5
  0x00, 0xc9, 0, // t=0 channel 10 program 0
  0x00, 0x90, 0x3c, 0x64, // t=0 channel 1 note on C4 velocity 100
  0x00, 0x99, 0x24, 0x50, // t=0 channel 10 note on 36 velocity 80
  0x30, 0x89, 0x24, 0x00, // t=48 channel 10 note off 36
  0x30, 0x80, 0x3c, 0x40, // t=96 channel 1 note off C4
  0x00, 0x90, 0x3e, 0x5a, // t=96 channel 1 note on D4 velocity 90
  0x60, 0x3e, 0x00, // t=192 running status: note on D4 velocity 0 = note off
  0x00, 0xff, 0x2f, 0x00, // t=192 end of track
);

/** Format 1, 480 ppq: a conductor track with a tempo change, "Bass" then "Melody line". */
const FORMAT1 = bytes(
  "MThd", 0, 0, 0, 6, // header chunk, length 6
  0, 1, 0, 3, 0x01, 0xe0, // format 1, 3 tracks, 480 ticks per quarter
  "MTrk", 0, 0, 0, 0x13, // track 1 (conductor), 19 bytes
  0x00, 0xff, 0x51, 3, 0x09, 0x27, 0xc0, // t=0 tempo 600000 µs = 100 bpm
  0x83, 0x60, 0xff, 0x51, 3, 0x07, 0xa1, 0x20, // t=480 tempo 120 bpm (a change)
  0x00, 0xff, 0x2f, 0x00, // end of track
  "MTrk", 0, 0, 0, 0x18, // track 2, 24 bytes
  0x00, 0xff, 0x03, 4, "Bass", // t=0 track name "Bass"
  0x00, 0xc1, 33, // t=0 channel 2 program 33
  0x00, 0x91, 0x24, 0x64, // t=0 channel 2 note on 36 velocity 100
  0x83, 0x60, 0x81, 0x24, 0x00, // t=480 channel 2 note off 36
  0x00, 0xff, 0x2f, 0x00, // end of track
  "MTrk", 0, 0, 0, 0x1c, // track 3, 28 bytes
  0x00, 0xff, 0x03, 11, "Melody line", // t=0 track name "Melody line"
  0x00, 0x90, 0x48, 0x70, // t=0 channel 1 note on 72 velocity 112
  0x81, 0x70, 0x90, 0x48, 0x00, // t=240 note on velocity 0 = note off
  0x00, 0xff, 0x2f, 0x00, // end of track
);

/** A 480-ppq format-1 header announcing `tracks` tracks. */
function header(tracks: number): Uint8Array {
  return bytes("MThd", 0, 0, 0, 6, 0, 1, 0, tracks, 0x01, 0xe0);
}

function notesOf(result: ReturnType<typeof readMidi>, track = 0): [number, number, number, number][] {
  const t = result.song.tracks[track];
  if (t === undefined) throw new Error(`no track ${track}`);
  return t.notes.map((n) => [n.pitch, n.start, n.duration, n.velocity]);
}

describe("readMidi: well-formed files", () => {
  it("reads format 0, splitting channels into tracks, with running status and sysex", () => {
    const r = readMidi(FORMAT0);
    expect(r.repairs).toEqual([]);
    expect(r.song).toMatchObject({ ppq: 96, bpm: 120, beatsPerBar: 3, beatUnit: 4 });
    expect(r.song.tracks.map((t) => [t.name, t.channel, t.program, t.role])).toEqual([
      ["Song (channel 1)", 0, 5, "melody"],
      ["Song (channel 10)", 9, 0, "accompaniment"],
    ]);
    expect(notesOf(r, 0)).toEqual([
      [60, 0, 96, 100],
      [62, 96, 96, 90],
    ]);
    expect(notesOf(r, 1)).toEqual([[36, 0, 48, 80]]);
    expect(r.song.tracks[0]?.notes.map((n) => n.id)).toEqual([1, 2]);
  });

  it("reads format 1, drops the conductor track and gives the melody role by name", () => {
    const r = readMidi(FORMAT1);
    expect(r.song).toMatchObject({ ppq: 480, bpm: 100, beatsPerBar: 4, beatUnit: 4 });
    expect(r.song.tracks.map((t) => [t.id, t.name, t.channel, t.program, t.role])).toEqual([
      ["track-1", "Bass", 1, 33, "accompaniment"],
      ["track-2", "Melody line", 0, 0, "melody"],
    ]);
    expect(notesOf(r, 0)).toEqual([[36, 0, 480, 100]]);
    expect(notesOf(r, 1)).toEqual([[72, 0, 240, 112]]);
    expect(r.repairs).toEqual(["The tempo changes once; the whole song plays at the first tempo, 100 bpm."]);
  });

  it("names unnamed tracks by position and keeps running status across a meta event", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 0x14, // 20 bytes
      0x00, 0x92, 0x40, 0x20, // t=0 channel 3 note on 64 velocity 32
      0x10, 0xff, 0x01, 1, "x", // t=16 text event
      0x10, 0x40, 0x00, // t=32 running status 0x92 continues: note off 64
      0x00, 0xff, 0x2f, 0x00, // end of track
    );
    const r = readMidi(file);
    expect(r.repairs).toEqual([]);
    expect(r.song.tracks[0]).toMatchObject({ name: "Track 1", channel: 2, role: "melody" });
    expect(notesOf(r)).toEqual([[64, 0, 32, 32]]);
  });

  it("ends a held note when its pitch is struck again", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 0x10, // 16 bytes
      0x00, 0x90, 0x3c, 0x50, // t=0 note on C4
      0x30, 0x3c, 0x60, // t=48 note on C4 again (running status)
      0x30, 0x3c, 0x00, // t=96 note off C4
      0x00, 0xff, 0x2f, 0x00, // end of track
    );
    const r = readMidi(file);
    expect(notesOf(r)).toEqual([
      [60, 0, 48, 0x50],
      [60, 48, 48, 0x60],
    ]);
    expect(r.repairs).toEqual([]);
  });

  it("takes the program from another track when the note's track has none", () => {
    const file = bytes(
      header(2),
      "MTrk", 0, 0, 0, 7, // conductor-like track, 7 bytes
      0x00, 0xc3, 40, // t=0 channel 4 program 40 (violin)
      0x00, 0xff, 0x2f, 0x00, // end of track
      "MTrk", 0, 0, 0, 0x0c, // 12 bytes
      0x00, 0x93, 0x45, 0x40, // t=0 channel 4 note on A4
      0x60, 0x83, 0x45, 0x40, // t=96 note off
      0x00, 0xff, 0x2f, 0x00, // end of track
    );
    expect(readMidi(file).song.tracks[0]).toMatchObject({ channel: 3, program: 40 });
  });

  it("skips unknown chunks without a repair", () => {
    const file = bytes(
      header(1),
      "XFIH", 0, 0, 0, 3, 1, 2, 3, // unknown chunk, 3 bytes, skipped
      "MTrk", 0, 0, 0, 0x0c, // 12 bytes
      0x00, 0x90, 0x30, 0x40, // t=0 note on 48
      0x60, 0x80, 0x30, 0x40, // t=96 note off 48
      0x00, 0xff, 0x2f, 0x00, // end of track
    );
    const r = readMidi(file);
    expect(r.repairs).toEqual([]);
    expect(notesOf(r)).toEqual([[48, 0, 96, 64]]);
  });

  it("gives one empty melody track for a file with no notes", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 4, // 4 bytes
      0x00, 0xff, 0x2f, 0x00, // end of track
    );
    const r = readMidi(file);
    expect(r.repairs).toEqual([]);
    expect(r.song.tracks).toEqual([{ id: "track-1", name: "Melody", role: "melody", program: 0, channel: 0, notes: [] }]);
    expect(r.song.bpm).toBe(120);
  });
});

describe("readMidi: repairs", () => {
  it("closes notes with no end at the end of their track", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 0x14, // 20 bytes
      0x00, 0x90, 0x3c, 0x64, // t=0 note on 60
      0x00, 0x40, 0x64, // t=0 note on 64 (running status)
      0x30, 0x43, 0x64, // t=48 note on 67
      0x30, 0x3c, 0x00, // t=96 note off 60
      0x60, 0xff, 0x2f, 0x00, // t=192 end of track
    );
    const r = readMidi(file);
    expect(notesOf(r)).toEqual([
      [60, 0, 96, 100],
      [64, 0, 192, 100],
      [67, 48, 144, 100],
    ]);
    expect(r.repairs).toEqual(["2 notes had no end; they were ended at the end of their track."]);
  });

  it("says it in the singular and plural, e.g. 3 notes", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 0x0e, // 14 bytes
      0x00, 0x90, 0x3c, 0x64, // t=0 note on 60
      0x00, 0x3e, 0x64, // t=0 note on 62
      0x00, 0x40, 0x64, // t=0 note on 64
      0x10, 0xff, 0x2f, 0x00, // t=16 end of track
    );
    expect(readMidi(file).repairs).toEqual(["3 notes had no end; they were ended at the end of their track."]);
  });

  it("gives zero-length notes one tick, and counts them", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 0x13, // 19 bytes
      0x00, 0x90, 0x3c, 0x64, // t=0 note on 60
      0x00, 0x80, 0x3c, 0x00, // t=0 note off 60: no length
      0x60, 0x90, 0x3e, 0x64, // t=96 note on 62
      0x60, 0x3e, 0x00, // t=192 note off 62 (running status)
      0x00, 0xff, 0x2f, 0x00, // end of track
    );
    const r = readMidi(file);
    expect(notesOf(r)).toEqual([
      [60, 0, 1, 100],
      [62, 96, 96, 100],
    ]);
    expect(r.repairs).toEqual(["1 note had no length; it was given the shortest length, one tick."]);
  });

  it("reads a track with no End of Track to the end of its data", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 8, // 8 bytes, no end of track
      0x00, 0x90, 0x3c, 0x64, // t=0 note on 60
      0x60, 0x80, 0x3c, 0x00, // t=96 note off 60
    );
    const r = readMidi(file);
    expect(notesOf(r)).toEqual([[60, 0, 96, 100]]);
    expect(r.repairs).toEqual(["1 track had no end marker; it was read to the end of its data."]);
  });

  it("truncates a track whose length runs past the end of the file", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 0x40, // claims 64 bytes; 11 follow
      0x00, 0x90, 0x3c, 0x64, // t=0 note on 60
      0x60, 0x80, 0x3c, 0x00, // t=96 note off 60
      0x00, 0x90, 0x3e, // t=96 note on 62, cut mid-event
    );
    const r = readMidi(file);
    expect(notesOf(r)).toEqual([[60, 0, 96, 100]]);
    expect(r.repairs).toEqual(["1 track was cut short because the file ends early; the notes up to that point were kept."]);
  });

  it("keeps the notes before data that cannot be read", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 0x0f, // 15 bytes
      0x00, 0x90, 0x3c, 0x64, // t=0 note on 60
      0x60, 0x80, 0x3c, 0x00, // t=96 note off 60
      0x00, 0xf3, 0x01, // t=96 song select: not allowed in a file
      0x00, 0xff, 0x2f, 0x00, // end of track (never reached)
    );
    const r = readMidi(file);
    expect(notesOf(r)).toEqual([[60, 0, 96, 100]]);
    expect(r.repairs).toEqual(["1 track had data that could not be read; the notes before it were kept."]);
  });

  it("treats data with no status before it as unreadable", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 7, // 7 bytes
      0x00, 0x3c, 0x64, // t=0 data bytes with no status byte
      0x00, 0xff, 0x2f, 0x00, // end of track
    );
    const r = readMidi(file);
    expect(r.song.tracks[0]?.notes).toEqual([]);
    expect(r.repairs).toEqual(["1 track had data that could not be read; the notes before it were kept."]);
  });

  it("reports a header that lists more tracks than the file holds", () => {
    const file = bytes(
      header(3),
      "MTrk", 0, 0, 0, 0x0c, // 12 bytes
      0x00, 0x90, 0x30, 0x40, // t=0 note on 48
      0x60, 0x80, 0x30, 0x40, // t=96 note off 48
      0x00, 0xff, 0x2f, 0x00, // end of track
    );
    expect(readMidi(file).repairs).toEqual(["The file's header lists 3 tracks but the file holds 1; it was read."]);
  });

  it("uses the first time signature and reports later ones", () => {
    const file = bytes(
      header(1),
      "MTrk", 0, 0, 0, 0x24, // 36 bytes
      0x00, 0xff, 0x58, 4, 6, 3, 0x18, 0x08, // t=0 time signature 6/8
      0x00, 0xff, 0x58, 4, 6, 3, 0x18, 0x08, // t=0 the same again: not a change
      0x83, 0x60, 0xff, 0x58, 4, 2, 2, 0x18, 0x08, // t=480 2/4
      0x00, 0x90, 0x30, 0x40, // t=480 note on 48
      0x60, 0x30, 0x00, // t=576 note off 48
      0x00, 0xff, 0x2f, 0x00, // end of track
    );
    const r = readMidi(file);
    expect(r.song).toMatchObject({ beatsPerBar: 6, beatUnit: 8 });
    expect(r.repairs).toEqual(["The time signature changes once; the first one, 6/8, is used throughout."]);
  });
});

describe("readMidi: files it refuses", () => {
  function refusal(file: Uint8Array): string {
    try {
      readMidi(file);
    } catch (e) {
      if (e instanceof MidiFormatError) return e.message;
      throw e;
    }
    throw new Error("no MidiFormatError");
  }

  it("refuses a file without MThd", () => {
    expect(refusal(bytes("RIFF", 0, 0, 0, 0))).toBe("This file is not a MIDI file (it does not start with MThd).");
    expect(refusal(new Uint8Array())).toBe("This file is not a MIDI file (it does not start with MThd).");
  });

  it("refuses format 2", () => {
    expect(refusal(bytes("MThd", 0, 0, 0, 6, 0, 2, 0, 1, 0, 0x60))).toMatch(/format 2/);
  });

  it("refuses SMPTE timing", () => {
    // division 0xE728: -25 frames per second, 40 ticks per frame
    expect(refusal(bytes("MThd", 0, 0, 0, 6, 0, 1, 0, 1, 0xe7, 0x28))).toMatch(/SMPTE/);
  });

  it("refuses a file above 16 MiB before reading it", () => {
    const big = new Uint8Array(16 * 1024 * 1024 + 1);
    big.set(header(1));
    expect(refusal(big)).toMatch(/16 MiB/);
    // exactly 16 MiB is read (the rest is zero padding, ignored)
    const limit = new Uint8Array(16 * 1024 * 1024);
    limit.set(header(0));
    expect(() => readMidi(limit)).not.toThrow();
  });

  it("refuses more than 1,000,000 notes", () => {
    const notes = 1_000_001;
    const body = new Uint8Array(1 + notes * 3);
    body.set([0x00, 0x90, 0x3c, 0x40]); // t=0 note on
    for (let i = 1; i < notes; i++) body.set([0x00, 0x3c, 0x40], 1 + i * 3); // running status note ons
    const len = body.length;
    const file = bytes(header(1), "MTrk", (len >>> 24) & 255, (len >>> 16) & 255, (len >>> 8) & 255, len & 255, body);
    expect(refusal(file)).toMatch(/more than 1,000,000 notes/);
    // one fewer note is read
    const ok = file.subarray(0, file.length - 3);
    expect(() => readMidi(ok)).not.toThrow();
  });
});

describe("readMidi: damaged files", () => {
  const VALID = [FORMAT0, FORMAT1];

  it("never throws anything but MidiFormatError, at any truncation", () => {
    for (const file of VALID) {
      for (let len = 0; len <= file.length; len++) {
        try {
          readMidi(file.subarray(0, len));
        } catch (e) {
          expect(e).toBeInstanceOf(MidiFormatError);
        }
      }
    }
  });

  it("reads a truncated file past its header without throwing", () => {
    // From 14 bytes on the header is complete: every shorter cut of the tracks still reads.
    for (let len = 14; len < FORMAT1.length; len++) expect(() => readMidi(FORMAT1.subarray(0, len))).not.toThrow();
  });

  it("survives random corruption (seeded) with MidiFormatError at worst", () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 3000; round++) {
      const source = VALID[round % 2] ?? FORMAT0;
      const file = Uint8Array.from(source);
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) file[Math.floor(random() * file.length)] = Math.floor(random() * 256);
      try {
        readMidi(file);
      } catch (e) {
        expect(e).toBeInstanceOf(MidiFormatError);
      }
    }
  });
});
