import { describe, expect, it } from "vitest";
import { GRID_DIVISIONS, gridTicks, quantizeNotes, snapTick } from "./quantize";
import type { Note } from "./song";

function note(id: number, pitch: number, start: number, duration: number): Note {
  return { id, pitch, start, duration, velocity: 100 };
}

function byId(notes: readonly Note[], id: number): Note {
  const n = notes.find((x) => x.id === id);
  if (n === undefined) throw new Error(`no note ${id}`);
  return n;
}

describe("gridTicks", () => {
  it("gives straight and triplet steps at 480 ppq", () => {
    expect(gridTicks(480, "1/4")).toBe(480);
    expect(gridTicks(480, "1/8")).toBe(240);
    expect(gridTicks(480, "1/16")).toBe(120);
    expect(gridTicks(480, "1/32")).toBe(60);
    expect(gridTicks(480, "1/8t")).toBe(160);
    expect(gridTicks(480, "1/16t")).toBe(80);
  });

  it("rounds to whole ticks and never gives 0", () => {
    expect(gridTicks(100, "1/8t")).toBe(33);
    expect(gridTicks(1, "1/32")).toBe(1);
  });

  it("lists every division once", () => {
    expect(new Set(GRID_DIVISIONS).size).toBe(6);
  });
});

describe("snapTick", () => {
  it("goes to the nearest multiple, either way", () => {
    expect(snapTick(119, 120)).toBe(120);
    expect(snapTick(59, 120)).toBe(0);
    expect(snapTick(61, 120)).toBe(120);
    expect(snapTick(250, 120)).toBe(240);
    expect(snapTick(60, 120)).toBe(120); // halfway goes later
  });

  it("gives +0, not -0, near zero from below, and leaves ticks alone without a grid", () => {
    expect(Object.is(snapTick(-10, 120), 0)).toBe(true);
    expect(snapTick(77, 0)).toBe(77);
  });
});

describe("quantizeNotes", () => {
  // 1/16 grid at 480 ppq = 120 ticks.
  const G = 120;
  const notes = [note(1, 60, 130, 200), note(2, 62, 350, 30), note(3, 64, 10, 100)];

  it("snaps starts and keeps lengths by default", () => {
    const out = quantizeNotes(notes, new Set([1, 2]), G);
    expect(byId(out, 1)).toMatchObject({ start: 120, duration: 200 });
    expect(byId(out, 2)).toMatchObject({ start: 360, duration: 30 });
    expect(out[2]).toBe(notes[2]); // not selected: untouched
  });

  it("moves part-way at a lower strength", () => {
    const out = quantizeNotes(notes, new Set([1, 2]), G, { strength: 0.5 });
    expect(byId(out, 1).start).toBe(125); // 130 → 120, half-way
    expect(byId(out, 2).start).toBe(355); // 350 → 360, half-way
    expect(quantizeNotes(notes, new Set([1]), G, { strength: 0 })[0]).toEqual(notes[0]);
  });

  it("quantises ends when asked", () => {
    // 130..330 → 120..360.
    const out = quantizeNotes(notes, new Set([1]), G, { ends: true });
    expect(byId(out, 1)).toMatchObject({ start: 120, duration: 240 });
  });

  it("keeps a note at least one grid step long when ends are quantised", () => {
    // 350..380 would snap to 360..360; it becomes 360..480.
    const out = quantizeNotes(notes, new Set([2]), G, { ends: true });
    expect(byId(out, 2)).toMatchObject({ start: 360, duration: 120 });
  });

  it("never makes a zero-length note when only starts move", () => {
    const tiny = [note(1, 60, 59, 1)];
    expect(quantizeNotes(tiny, new Set([1]), G)[0]).toMatchObject({ start: 0, duration: 1 });
  });

  it("returns an unchanged copy for a grid of 0", () => {
    const out = quantizeNotes(notes, new Set([1]), 0);
    expect(out).toEqual(notes);
  });
});
