import { describe, expect, test } from "vitest";
import type { Song } from "../model/song";
import type { NoteOutput } from "./output";
import { Player, type Timer } from "./player";
import { audibleTracks, eventsBetween } from "./schedule";

/** 120 bpm, ppq 4: one tick = 0.125 s. Melody C D E F quarter... sixteenths of a beat each. */
const song: Song = {
  ppq: 4,
  bpm: 120,
  beatsPerBar: 4,
  beatUnit: 4,
  tracks: [
    { id: "m", name: "Melody", role: "melody", program: 0, channel: 0, notes: [
      { id: 1, pitch: 60, start: 0, duration: 4, velocity: 100 },
      { id: 2, pitch: 62, start: 4, duration: 4, velocity: 100 },
      { id: 3, pitch: 64, start: 8, duration: 4, velocity: 100 },
      { id: 4, pitch: 65, start: 12, duration: 4, velocity: 100 },
    ] },
    { id: "b", name: "Bass", role: "accompaniment", program: 32, channel: 1, notes: [{ id: 1, pitch: 36, start: 0, duration: 16, velocity: 90 }] },
  ],
};

interface Sent {
  kind: string;
  channel: number;
  pitch: number;
  time: number | undefined;
}

/** An output on a clock the test moves, recording what it was sent. */
function fakeOutput() {
  const clock = { now: 10 };
  const sent: Sent[] = [];
  const output: NoteOutput = {
    now: () => clock.now,
    latency: () => 0.01,
    program: () => {},
    noteOn: (channel, pitch, _v, time) => sent.push({ kind: "on", channel, pitch, time }),
    noteOff: (channel, pitch, time) => sent.push({ kind: "off", channel, pitch, time }),
    allOff: () => sent.push({ kind: "all-off", channel: -1, pitch: -1, time: clock.now }),
  };
  return { clock, sent, output };
}

/** A timer the test fires by hand. */
function fakeTimer() {
  let callback: (() => void) | null = null;
  const timer: Timer = { start: (cb) => (callback = cb), stop: () => (callback = null) };
  return { timer, fire: () => callback?.(), running: () => callback !== null };
}

describe("eventsBetween", () => {
  test("sends ons and offs in the window, offs first at the same tick", () => {
    const ev = eventsBetween(song.tracks, 4, 8);
    expect(ev.map((e) => `${e.kind}${e.pitch}@${e.tick}`)).toEqual(["off60@4", "on62@4"]);
  });
  test("the window's end is exclusive and its start inclusive", () => {
    expect(eventsBetween(song.tracks, 0, 4).map((e) => e.tick)).toEqual([0, 0]);
    expect(eventsBetween(song.tracks, 0, 0.5).length).toBe(2);
  });
  test("a loop end cuts notes that cross it, and sends their off at the end", () => {
    const ev = eventsBetween(song.tracks, 0, 6, 6);
    const offs = ev.filter((e) => e.kind === "off").map((e) => `${e.pitch}@${e.tick}`);
    expect(offs.sort()).toEqual(["36@6", "60@4", "62@6"]);
  });
  test("muted tracks are silent and solo wins over mute", () => {
    expect(audibleTracks(song, new Set(["b"]), new Set()).map((t) => t.id)).toEqual(["m"]);
    expect(audibleTracks(song, new Set(["b"]), new Set(["b"])).map((t) => t.id)).toEqual(["b"]);
  });
});

describe("Player with fake time", () => {
  test("schedules ahead on the audio clock, each note at its own time", () => {
    const { clock, sent, output } = fakeOutput();
    const { timer, fire } = fakeTimer();
    const p = new Player(output, timer);
    p.setSong(song);
    p.play(0);
    const start = 10.02;
    // The first wake sends what falls in the look-ahead: the two notes at tick 0 only.
    expect(sent.filter((s) => s.kind === "on").map((s) => [s.pitch, s.time])).toEqual([
      [60, start],
      [36, start],
    ]);
    clock.now = 10.5;
    fire();
    const on62 = sent.find((s) => s.kind === "on" && s.pitch === 62)!;
    expect(on62.time).toBeCloseTo(start + 4 * 0.125, 9);
    // Nothing is sent twice.
    clock.now = 10.51;
    fire();
    expect(sent.filter((s) => s.kind === "on" && s.pitch === 62).length).toBe(1);
  });

  test("the position follows the clock and pausing silences and keeps it", () => {
    const { clock, sent, output } = fakeOutput();
    const { timer, running } = fakeTimer();
    const p = new Player(output, timer);
    p.setSong(song);
    p.play(4);
    clock.now = 10.02 + 0.25;
    expect(p.position()).toBeCloseTo(6, 9);
    const at = p.pause();
    expect(at).toBeCloseTo(6, 9);
    expect(running()).toBe(false);
    expect(sent.at(-1)!.kind).toBe("all-off");
    expect(p.isPlaying).toBe(false);
  });

  test("a loop jumps back seamlessly: the loop start sounds when its end would", () => {
    const { clock, sent, output } = fakeOutput();
    const { timer, fire } = fakeTimer();
    const p = new Player(output, timer);
    p.setSong(song);
    p.setLoop({ start: 4, end: 8 });
    p.play(4);
    const start = 10.02;
    for (let t = 10; t < 11.2; t += 0.025) {
      clock.now = t;
      fire();
    }
    const ons62 = sent.filter((s) => s.kind === "on" && s.pitch === 62).map((s) => s.time!);
    expect(ons62.length).toBeGreaterThanOrEqual(2);
    expect(ons62[0]).toBeCloseTo(start, 9);
    expect(ons62[1]).toBeCloseTo(start + 0.5, 9);
    // Nothing outside the loop sounds.
    expect(sent.some((s) => s.kind === "on" && (s.pitch === 64 || s.pitch === 60))).toBe(false);
    clock.now = start + 0.5 + 0.125;
    expect(p.position()).toBeCloseTo(5, 6);
  });

  test("stops by itself at the end of the song", () => {
    const { clock, output } = fakeOutput();
    const { timer, fire, running } = fakeTimer();
    const p = new Player(output, timer);
    let changes = 0;
    p.onChange(() => changes++);
    p.setSong(song);
    p.play(0);
    for (let t = 10; t < 12.5; t += 0.025) {
      clock.now = t;
      fire();
    }
    expect(p.isPlaying).toBe(false);
    expect(running()).toBe(false);
    expect(changes).toBe(2);
  });

  test("muting a track while playing silences it from the next window", () => {
    const { clock, sent, output } = fakeOutput();
    const { timer, fire } = fakeTimer();
    const p = new Player(output, timer);
    p.setSong(song);
    p.setMix(new Set(["m"]), new Set());
    p.play(0);
    clock.now = 11;
    fire();
    expect(sent.some((s) => s.kind === "on" && s.channel === 0)).toBe(false);
    expect(sent.some((s) => s.kind === "on" && s.channel === 1)).toBe(true);
  });
});
