/**
 * Recording from a keyboard: live key presses and releases, timed on the audio clock, become
 * notes in ticks. Also the metronome's click times for the count-in and while recording.
 */
import { snapTick } from "./quantize";
import type { Note } from "./song";

/** How a {@link Recorder} maps clock time to ticks. */
export interface RecorderOptions {
  /** Ticks per quarter note of the song recorded into. */
  readonly ppq: number;
  /** Tempo in quarter notes per minute. */
  readonly bpm: number;
  /** The audio-clock time, in seconds, of tick 0 (bar 1, beat 1): the end of the count-in. */
  readonly startTime: number;
  /** A grid in ticks to quantise to (starts snapped, lengths at least one step); none if absent or ≤ 0. */
  readonly quantize?: number;
}

/** A key being held: when it went down (already in ticks, count-in handled) and how hard. */
interface Held {
  readonly start: number;
  readonly velocity: number;
}

/** A finished note before quantising and numbering. */
type Take = Omit<Note, "id">;

/**
 * Collects one take. Times are audio-clock seconds and should not go backwards. A press during
 * the last beat before {@link RecorderOptions.startTime} (a player coming in early on the
 * count-in) starts at tick 0; earlier presses are ignored, as are their releases.
 */
export class Recorder {
  private readonly held = new Map<number, Held>();
  private readonly takes: Take[] = [];
  private readonly ticksPerSecond: number;
  private result: Note[] | undefined;

  constructor(private readonly options: RecorderOptions) {
    this.ticksPerSecond = (options.bpm / 60) * options.ppq;
  }

  /** The pitches held down now. */
  get heldPitches(): ReadonlySet<number> {
    return new Set(this.held.keys());
  }

  /** Whether {@link stop} has been called (later events are ignored). */
  get stopped(): boolean {
    return this.result !== undefined;
  }

  /** The tick for a clock time: negative during the count-in. */
  tickAt(time: number): number {
    return Math.round((time - this.options.startTime) * this.ticksPerSecond);
  }

  /** A key went down. Velocity 0 counts as a release (as MIDI keyboards send it). */
  noteOn(pitch: number, velocity: number, time: number): void {
    if (this.stopped) return;
    if (velocity <= 0) {
      this.noteOff(pitch, time);
      return;
    }
    if (!Number.isInteger(pitch) || pitch < 0 || pitch > 127) return;
    const tick = this.tickAt(time);
    if (tick < -this.options.ppq) return; // more than a beat early: not part of the take
    this.release(pitch, tick); // a re-pressed held key ends the note it was holding
    this.held.set(pitch, { start: Math.max(0, tick), velocity: Math.min(127, Math.max(1, Math.round(velocity))) });
  }

  /** A key came up. */
  noteOff(pitch: number, time: number): void {
    if (this.stopped) return;
    this.release(pitch, this.tickAt(time));
  }

  /**
   * The notes so far, with keys still held ending at `time`, without stopping (for drawing the
   * take while it is being recorded).
   */
  peek(time: number): Note[] {
    if (this.result !== undefined) return this.result;
    const end = this.tickAt(time);
    const open = [...this.held].map(([pitch, h]) => take(pitch, h, end));
    return this.finish([...this.takes, ...open]);
  }

  /** Ends the take at `time`: held keys end there. Returns the notes, in time order, ids from 1. */
  stop(time: number): Note[] {
    if (this.result === undefined) {
      this.result = this.peek(time);
      this.held.clear();
    }
    return this.result;
  }

  private release(pitch: number, tick: number): void {
    const h = this.held.get(pitch);
    if (h === undefined) return;
    this.held.delete(pitch);
    this.takes.push(take(pitch, h, tick));
  }

  /** Quantises, orders and numbers the notes. */
  private finish(takes: readonly Take[]): Note[] {
    const grid = this.options.quantize ?? 0;
    const shaped = takes.map((t) =>
      grid > 0 ? { ...t, start: snapTick(t.start, grid), duration: Math.max(grid, t.duration) } : t,
    );
    shaped.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
    return shaped.map((t, i) => ({ id: i + 1, ...t }));
  }
}

function take(pitch: number, held: Held, endTick: number): Take {
  return { pitch, start: held.start, duration: Math.max(1, endTick - held.start), velocity: held.velocity };
}

/** One metronome click: when, on the audio clock, and whether it is the first beat of a bar. */
export interface MetronomeClick {
  readonly time: number;
  readonly accent: boolean;
}

/**
 * The clicks due in `[fromTime, toTime)`, with beat 1 of bar 1 at `startTime` (clicks before it,
 * the count-in, follow the same bars backwards). A beat is a quarter note at `bpm`; the first beat
 * of every bar is accented. For a scheduler that asks for a short window ahead at a time.
 */
export function metronomeClicks(bpm: number, beatsPerBar: number, fromTime: number, toTime: number, startTime: number): MetronomeClick[] {
  const beat = 60 / bpm;
  const bar = Math.max(1, Math.round(beatsPerBar));
  const clicks: MetronomeClick[] = [];
  // The small allowance keeps a click exactly at fromTime despite floating-point error.
  for (let k = Math.ceil((fromTime - startTime) / beat - 1e-9); ; k++) {
    const time = startTime + k * beat;
    if (time >= toTime) break;
    clicks.push({ time, accent: ((k % bar) + bar) % bar === 0 });
  }
  return clicks;
}

/**
 * The clicks of a count-in of `bars` bars starting at `at` (seconds): one per beat, the first of
 * each bar accented. Recording's tick 0 is the beat after the last click, {@link countInEnd}.
 */
export function countInTimes(bpm: number, beatsPerBar: number, bars: number, at: number): MetronomeClick[] {
  const beat = 60 / bpm;
  const bar = Math.max(1, Math.round(beatsPerBar));
  const count = Math.max(0, Math.round(bars)) * bar;
  return Array.from({ length: count }, (_, k) => ({ time: at + k * beat, accent: k % bar === 0 }));
}

/** When a count-in of `bars` bars starting at `at` ends: the {@link RecorderOptions.startTime} to record with. */
export function countInEnd(bpm: number, beatsPerBar: number, bars: number, at: number): number {
  return at + (Math.max(0, Math.round(bars)) * Math.max(1, Math.round(beatsPerBar)) * 60) / bpm;
}
