import { describe, expect, it } from "vitest";
import { countInEnd, countInTimes, metronomeClicks, Recorder } from "./recorder";

// 120 bpm at 480 ppq: a beat is 0.5 s, a second is 960 ticks. Tick 0 is at t = 10 s.
const OPTS = { ppq: 480, bpm: 120, startTime: 10 };

describe("Recorder", () => {
  it("turns a press and release into a note in ticks", () => {
    const r = new Recorder(OPTS);
    r.noteOn(60, 100, 10.5);
    r.noteOff(60, 11.0);
    expect(r.stop(12)).toEqual([{ id: 1, pitch: 60, start: 480, duration: 480, velocity: 100 }]);
  });

  it("uses the tempo (90 bpm: a beat is 2/3 s)", () => {
    const r = new Recorder({ ppq: 96, bpm: 90, startTime: 1 });
    r.noteOn(64, 80, 1 + 2 / 3);
    r.noteOff(64, 1 + 2 / 3 + 1 / 3);
    expect(r.stop(5)).toEqual([{ id: 1, pitch: 64, start: 96, duration: 48, velocity: 80 }]);
  });

  it("numbers notes from 1 in time order, not press order", () => {
    const r = new Recorder(OPTS);
    r.noteOn(67, 90, 10.25); // tick 240, pressed first, released last
    r.noteOn(60, 90, 10.5); // tick 480
    r.noteOff(60, 10.75);
    r.noteOn(55, 90, 10.0); // tick 0
    r.noteOff(55, 10.125);
    r.noteOff(67, 11);
    const notes = r.stop(12);
    expect(notes.map((n) => [n.id, n.pitch, n.start])).toEqual([
      [1, 55, 0],
      [2, 67, 240],
      [3, 60, 480],
    ]);
  });

  it("ends notes still held at the stop time", () => {
    const r = new Recorder(OPTS);
    r.noteOn(60, 100, 10.5);
    r.noteOn(62, 100, 10.75);
    r.noteOff(62, 11);
    const notes = r.stop(11.5);
    expect(notes.find((n) => n.pitch === 60)).toMatchObject({ start: 480, duration: 960 });
    expect(notes.find((n) => n.pitch === 62)).toMatchObject({ start: 720, duration: 240 });
    expect(r.heldPitches.size).toBe(0);
  });

  it("ends a held note when its key is pressed again", () => {
    const r = new Recorder(OPTS);
    r.noteOn(60, 100, 10.0);
    r.noteOn(60, 50, 10.25);
    r.noteOff(60, 10.5);
    expect(r.stop(11)).toEqual([
      { id: 1, pitch: 60, start: 0, duration: 240, velocity: 100 },
      { id: 2, pitch: 60, start: 240, duration: 240, velocity: 50 },
    ]);
  });

  it("moves a press in the last beat of the count-in to tick 0, keeping its release", () => {
    const r = new Recorder(OPTS);
    r.noteOn(60, 100, 9.6); // 0.4 s = 384 ticks early
    r.noteOff(60, 10.25);
    r.noteOn(62, 100, 9.5); // exactly one beat early: still kept
    r.noteOff(62, 9.75); // released before the start: shortest note
    expect(r.stop(11)).toEqual([
      { id: 1, pitch: 60, start: 0, duration: 240, velocity: 100 },
      { id: 2, pitch: 62, start: 0, duration: 1, velocity: 100 },
    ]);
  });

  it("drops a press more than a beat before the start, with its release", () => {
    const r = new Recorder(OPTS);
    r.noteOn(60, 100, 9.49);
    r.noteOff(60, 10.5);
    r.noteOn(64, 100, 10.5);
    const notes = r.stop(11);
    expect(notes.map((n) => n.pitch)).toEqual([64]);
  });

  it("quantises starts to the grid and lengths to at least one step", () => {
    const r = new Recorder({ ...OPTS, quantize: 120 });
    r.noteOn(60, 100, 10 + 130 / 960); // tick 130 → 120
    r.noteOff(60, 10 + 160 / 960); // 30 ticks long → 120
    r.noteOn(62, 100, 10 + 350 / 960); // tick 350 → 360
    r.noteOff(62, 10 + 650 / 960); // 300 ticks, kept
    expect(r.stop(11).map((n) => [n.start, n.duration])).toEqual([
      [120, 120],
      [360, 300],
    ]);
  });

  it("treats velocity 0 as a release and ignores releases of keys not held", () => {
    const r = new Recorder(OPTS);
    r.noteOff(61, 10.1);
    r.noteOn(60, 100, 10);
    r.noteOn(60, 0, 10.5);
    expect(r.heldPitches.has(60)).toBe(false);
    expect(r.stop(12)).toEqual([{ id: 1, pitch: 60, start: 0, duration: 480, velocity: 100 }]);
  });

  it("ignores events after stop and gives the same take again", () => {
    const r = new Recorder(OPTS);
    r.noteOn(60, 100, 10);
    const first = r.stop(10.5);
    r.noteOn(62, 100, 10.6);
    expect(r.stopped).toBe(true);
    expect(r.stop(11)).toEqual(first);
    expect(first).toHaveLength(1);
  });

  it("peek shows held notes up to now without stopping", () => {
    const r = new Recorder(OPTS);
    r.noteOn(60, 100, 10);
    expect(r.peek(10.25)).toEqual([{ id: 1, pitch: 60, start: 0, duration: 240, velocity: 100 }]);
    expect(r.stopped).toBe(false);
    r.noteOff(60, 10.5);
    expect(r.stop(11)[0]?.duration).toBe(480);
  });
});

describe("metronomeClicks", () => {
  it("clicks each beat in [from, to), accenting beat 1 of each bar, count-in included", () => {
    // 3/4, start at 10 s: bar lines at ..., 8.5, 10, 11.5, ...
    const clicks = metronomeClicks(120, 3, 8.5, 11.5, 10);
    expect(clicks).toEqual([
      { time: 8.5, accent: true },
      { time: 9, accent: false },
      { time: 9.5, accent: false },
      { time: 10, accent: true },
      { time: 10.5, accent: false },
      { time: 11, accent: false },
    ]);
  });

  it("starts at the first beat at or after `from` in a window off the beat", () => {
    const clicks = metronomeClicks(120, 4, 11.2, 12.1, 10);
    expect(clicks).toEqual([
      { time: 11.5, accent: false },
      { time: 12, accent: true },
    ]);
  });

  it("gives nothing for an empty window", () => {
    expect(metronomeClicks(120, 4, 10.1, 10.4, 10)).toEqual([]);
  });
});

describe("count-in", () => {
  it("gives bars × beats clicks from `at`, the first of each bar accented", () => {
    const clicks = countInTimes(120, 3, 2, 5);
    expect(clicks.map((c) => c.time)).toEqual([5, 5.5, 6, 6.5, 7, 7.5]);
    expect(clicks.map((c) => c.accent)).toEqual([true, false, false, true, false, false]);
    expect(countInEnd(120, 3, 2, 5)).toBe(8);
  });

  it("gives no clicks for no bars", () => {
    expect(countInTimes(120, 4, 0, 5)).toEqual([]);
    expect(countInEnd(120, 4, 0, 5)).toBe(5);
  });
});
