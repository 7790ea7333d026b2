import { describe, expect, test } from "vitest";
import { centerPitches, isBlack, partAt, pitchAt, tickAt, xOf, yOf, zoomAround, type RollView } from "./view";

const view: RollView = { width: 1000, height: 420, keysWidth: 40, rulerHeight: 20, pxPerTick: 0.1, scrollTick: 960, rowHeight: 10, topPitch: 84 };

describe("roll view", () => {
  test("ticks and x are inverse, offset by the keyboard and the scroll", () => {
    expect(xOf(view, 960)).toBe(40);
    expect(xOf(view, 1960)).toBe(140);
    expect(tickAt(view, 140)).toBe(1960);
  });
  test("the top row is the top pitch and lower rows are lower pitches", () => {
    expect(yOf(view, 84)).toBe(20);
    expect(yOf(view, 83)).toBe(30);
    expect(pitchAt(view, 20)).toBe(84);
    expect(pitchAt(view, 29.9)).toBe(84);
    expect(pitchAt(view, 30)).toBe(83);
    expect(pitchAt(view, -1000)).toBe(127);
    expect(pitchAt(view, 100000)).toBe(0);
  });
  test("black keys", () => {
    expect([60, 61, 62, 63, 64, 65, 66].map(isBlack)).toEqual([false, true, false, true, false, false, true]);
  });
  test("zoom keeps the tick under the pointer", () => {
    const z = zoomAround(view, 2, 540);
    expect(z.pxPerTick).toBe(0.2);
    expect(tickAt(z, 540)).toBeCloseTo(tickAt(view, 540), 6);
  });
  test("centering puts the range mid-screen and never past pitch 127", () => {
    expect(centerPitches(view, 60, 72).topPitch).toBe(66 + 20);
    expect(centerPitches(view, 120, 127).topPitch).toBe(127);
  });
  test("edges resize, the middle moves, short notes have no start edge", () => {
    expect(partAt(100, 200, 198)).toBe("end");
    expect(partAt(100, 200, 102)).toBe("start");
    expect(partAt(100, 200, 150)).toBe("body");
    expect(partAt(100, 109, 101)).toBe("body");
  });
});
