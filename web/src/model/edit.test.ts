import { describe, expect, it } from "vitest";
import {
  addNote,
  copyNotes,
  deleteNotes,
  moveNotes,
  nextNoteId,
  noteAt,
  notesInBox,
  pasteNotes,
  resizeNotes,
  resizeNotesStart,
  scaleVelocity,
  setVelocity,
  sortNotes,
  transposeNotes,
} from "./edit";
import type { Note } from "./song";

function note(id: number, pitch: number, start: number, duration: number, velocity = 100): Note {
  return { id, pitch, start, duration, velocity };
}

// Lopsided on purpose: ids out of order, starts out of order, one note far from the others.
const A = note(7, 60, 480, 240, 90);
const B = note(3, 64, 120, 360, 70);
const C = note(12, 71, 1920, 60, 110);
const D = note(5, 48, 960, 480, 40);
const NOTES: readonly Note[] = [A, B, C, D];

function byId(notes: readonly Note[], id: number): Note {
  const n = notes.find((x) => x.id === id);
  if (n === undefined) throw new Error(`no note ${id}`);
  return n;
}

describe("nextNoteId / addNote", () => {
  it("uses one more than the largest id, not the count", () => {
    expect(nextNoteId(NOTES)).toBe(13);
    expect(nextNoteId([])).toBe(1);
  });

  it("appends a new note with that id and leaves the input alone", () => {
    const { notes, id } = addNote(NOTES, { pitch: 62, start: 240, duration: 120, velocity: 80 });
    expect(id).toBe(13);
    expect(notes).toHaveLength(5);
    expect(notes[4]).toEqual(note(13, 62, 240, 120, 80));
    expect(NOTES).toHaveLength(4);
  });

  it("brings out-of-range values into range", () => {
    const { notes } = addNote([], { pitch: 130, start: -5, duration: 0, velocity: 0 });
    expect(notes[0]).toEqual(note(1, 127, 0, 1, 1));
  });
});

describe("deleteNotes", () => {
  it("removes exactly the selected notes", () => {
    const out = deleteNotes(NOTES, new Set([3, 12]));
    expect(out.map((n) => n.id)).toEqual([7, 5]);
  });
});

describe("moveNotes", () => {
  it("moves only the selection, keeping the others as the same objects", () => {
    const out = moveNotes(NOTES, new Set([7, 5]), 100, 2);
    expect(byId(out, 7)).toEqual(note(7, 62, 580, 240, 90));
    expect(byId(out, 5)).toEqual(note(5, 50, 1060, 480, 40));
    expect(out[1]).toBe(B);
    expect(out[2]).toBe(C);
  });

  it("clamps the time offset so the earliest selected note lands on tick 0, shape kept", () => {
    // 7 starts at 480, 5 at 960: a move of -1000 can only be -480.
    const out = moveNotes(NOTES, new Set([7, 5]), -1000, 0);
    expect(byId(out, 7).start).toBe(0);
    expect(byId(out, 5).start).toBe(480);
  });

  it("clamps the pitch offset by the highest note going up and the lowest going down", () => {
    // Selection spans 48..71: up by at most 56, down by at most 48.
    const ids = new Set([5, 12]);
    const up = moveNotes(NOTES, ids, 0, 100);
    expect(byId(up, 12).pitch).toBe(127);
    expect(byId(up, 5).pitch).toBe(104);
    const down = moveNotes(NOTES, ids, 0, -100);
    expect(byId(down, 5).pitch).toBe(0);
    expect(byId(down, 12).pitch).toBe(23);
  });

  it("lets a move just inside the limit through unchanged", () => {
    const out = moveNotes(NOTES, new Set([12]), -1920, 56);
    expect(byId(out, 12)).toMatchObject({ start: 0, pitch: 127 });
  });

  it("returns a copy when nothing is selected", () => {
    const out = moveNotes(NOTES, new Set([99]), 10, 1);
    expect(out).toEqual(NOTES);
    expect(out).not.toBe(NOTES);
  });
});

describe("transposeNotes", () => {
  it("moves by semitones with the group clamp", () => {
    const out = transposeNotes(NOTES, new Set([7, 3]), 12);
    expect(byId(out, 7).pitch).toBe(72);
    expect(byId(out, 3).pitch).toBe(76);
    expect(byId(out, 7).start).toBe(480);
    // 64 + 64 would pass 127; the selection stops when 64 reaches 127 (+63).
    const far = transposeNotes(NOTES, new Set([7, 3]), 64);
    expect(byId(far, 3).pitch).toBe(127);
    expect(byId(far, 7).pitch).toBe(123);
  });
});

describe("resizeNotes (right edge)", () => {
  it("lengthens and shortens keeping the start", () => {
    const out = resizeNotes(NOTES, new Set([7]), 120, 30);
    expect(byId(out, 7)).toMatchObject({ start: 480, duration: 360 });
    expect(byId(resizeNotes(NOTES, new Set([7]), -200, 30), 7).duration).toBe(40);
  });

  it("stops each note at the minimum on its own", () => {
    const out = resizeNotes(NOTES, new Set([7, 5]), -300, 30);
    expect(byId(out, 7).duration).toBe(30); // 240 - 300 < 30
    expect(byId(out, 5).duration).toBe(180); // 480 - 300
  });

  it("never lengthens a note already shorter than the minimum when shrinking", () => {
    const out = resizeNotes(NOTES, new Set([12]), -10, 120);
    expect(byId(out, 12).duration).toBe(60);
  });

  it("never goes below one tick", () => {
    expect(byId(resizeNotes(NOTES, new Set([12]), -1000, 0), 12).duration).toBe(1);
  });
});

describe("resizeNotesStart (left edge)", () => {
  it("moves the start and keeps the end fixed", () => {
    const out = resizeNotesStart(NOTES, new Set([5]), -160, 10);
    expect(byId(out, 5)).toMatchObject({ start: 800, duration: 640 });
    const shorter = resizeNotesStart(NOTES, new Set([5]), 100, 10);
    expect(byId(shorter, 5)).toMatchObject({ start: 1060, duration: 380 });
  });

  it("stops at tick 0 and at the minimum length", () => {
    const left = resizeNotesStart(NOTES, new Set([3]), -500, 10);
    expect(byId(left, 3)).toMatchObject({ start: 0, duration: 480 });
    const right = resizeNotesStart(NOTES, new Set([3]), 1000, 50);
    expect(byId(right, 3)).toMatchObject({ start: 430, duration: 50 });
  });
});

describe("velocity", () => {
  it("sets and clamps to 1..127", () => {
    expect(byId(setVelocity(NOTES, new Set([7]), 64), 7).velocity).toBe(64);
    expect(byId(setVelocity(NOTES, new Set([7]), 300), 7).velocity).toBe(127);
    expect(byId(setVelocity(NOTES, new Set([7]), 0), 7).velocity).toBe(1);
    expect(byId(setVelocity(NOTES, new Set([7]), 64), 3).velocity).toBe(70);
  });

  it("scales, rounds and clamps per note", () => {
    const out = scaleVelocity(NOTES, new Set([7, 3, 12]), 1.25);
    expect(byId(out, 7).velocity).toBe(113); // 112.5 rounds up
    expect(byId(out, 3).velocity).toBe(88); // 87.5
    expect(byId(out, 12).velocity).toBe(127); // 137.5 clamped
    expect(byId(out, 5).velocity).toBe(40);
    expect(byId(scaleVelocity(NOTES, new Set([5]), 0), 5).velocity).toBe(1);
  });
});

describe("notesInBox", () => {
  it("finds the notes overlapping the box whatever the corner order", () => {
    // Ticks 500..1000, pitches 48..60: A (480..720, 60) and D (960..1440, 48).
    const expected = new Set([7, 5]);
    expect(notesInBox(NOTES, 500, 1000, 48, 60)).toEqual(expected);
    expect(notesInBox(NOTES, 1000, 500, 60, 48)).toEqual(expected);
  });

  it("includes box edges and excludes a note that ends where the box starts", () => {
    // A ends at 720: a box from 720 does not touch it; D starts at 960 = box end: touched.
    expect(notesInBox(NOTES, 720, 960, 40, 70)).toEqual(new Set([5]));
    // A box starting one tick earlier does touch A.
    expect(notesInBox(NOTES, 719, 960, 40, 70)).toEqual(new Set([7, 5]));
  });

  it("checks the pitch range inclusively", () => {
    expect(notesInBox(NOTES, 0, 3000, 61, 70)).toEqual(new Set([3]));
    expect(notesInBox(NOTES, 0, 3000, 64, 71)).toEqual(new Set([3, 12]));
  });
});

describe("noteAt", () => {
  const stacked = [note(1, 60, 0, 960), note(2, 60, 480, 240), note(3, 62, 0, 960)];

  it("returns the latest-starting note covering the point", () => {
    expect(noteAt(stacked, 500, 60)?.id).toBe(2);
    expect(noteAt(stacked, 479, 60)?.id).toBe(1);
    expect(noteAt(stacked, 720, 60)?.id).toBe(1); // note 2 ends at 720 (exclusive)
  });

  it("returns undefined at a note's end, before its start, or on another pitch", () => {
    expect(noteAt(stacked, 960, 60)).toBeUndefined();
    expect(noteAt(stacked, 10, 61)).toBeUndefined();
    expect(noteAt([note(1, 60, 100, 10)], 99, 60)).toBeUndefined();
  });

  it("prefers the later in the array when starts are equal", () => {
    const twins = [note(4, 60, 0, 100), note(9, 60, 0, 50)];
    expect(noteAt(twins, 10, 60)?.id).toBe(9);
  });
});

describe("sortNotes", () => {
  it("orders by start, then pitch", () => {
    const chord = [note(1, 67, 0, 10), note(2, 60, 10, 10), note(3, 64, 0, 10)];
    expect(sortNotes(chord).map((n) => n.id)).toEqual([3, 1, 2]);
    expect(sortNotes(NOTES).map((n) => n.id)).toEqual([3, 7, 5, 12]);
  });
});

describe("clipboard", () => {
  it("copies relative to the earliest selected start and measures the span", () => {
    const clip = copyNotes(NOTES, new Set([12, 7]));
    expect(clip.notes).toEqual([
      { pitch: 60, start: 0, duration: 240, velocity: 90 },
      { pitch: 71, start: 1440, duration: 60, velocity: 110 },
    ]);
    expect(clip.span).toBe(1500);
  });

  it("span is the latest end, not the last note's end", () => {
    const clip = copyNotes([note(1, 60, 100, 1000), note(2, 62, 200, 10)], new Set([1, 2]));
    expect(clip.span).toBe(1000);
  });

  it("pastes at a tick with fresh ids and returns them", () => {
    const clip = copyNotes(NOTES, new Set([12, 7]));
    const { notes, ids } = pasteNotes(NOTES, clip, 3000);
    expect(notes).toHaveLength(6);
    expect([...ids]).toEqual([13, 14]);
    expect(byId(notes, 13)).toEqual(note(13, 60, 3000, 240, 90));
    expect(byId(notes, 14)).toEqual(note(14, 71, 4440, 60, 110));
  });

  it("copying nothing gives an empty clipboard that pastes nothing", () => {
    const clip = copyNotes(NOTES, new Set());
    expect(clip).toEqual({ notes: [], span: 0 });
    const { notes, ids } = pasteNotes(NOTES, clip, 0);
    expect(notes).toEqual(NOTES);
    expect(ids.size).toBe(0);
  });
});
