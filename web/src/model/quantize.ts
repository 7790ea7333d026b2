/**
 * Quantising: snapping ticks and notes to a rhythmic grid, and the grid sizes offered in the UI.
 */
import type { Note } from "./song";

/** The grid sizes offered: note values, "t" for triplets. */
export type GridDivision = "1/4" | "1/8" | "1/16" | "1/8t" | "1/16t" | "1/32";

/** The grid sizes in the order a menu shows them (coarse to fine). */
export const GRID_DIVISIONS: readonly GridDivision[] = ["1/4", "1/8", "1/8t", "1/16", "1/16t", "1/32"];

/** Grid steps per quarter note for each division (a triplet fits three where two would go). */
const STEPS_PER_QUARTER: Record<GridDivision, number> = {
  "1/4": 1,
  "1/8": 2,
  "1/8t": 3,
  "1/16": 4,
  "1/16t": 6,
  "1/32": 8,
};

/**
 * Ticks in one grid step at `ppq` ticks per quarter note, rounded to a whole tick (exact when
 * ppq is divisible by 24, like the console's 480) and at least 1.
 */
export function gridTicks(ppq: number, division: GridDivision): number {
  return Math.max(1, Math.round(ppq / STEPS_PER_QUARTER[division]));
}

/** The multiple of `grid` nearest to `tick` (halfway rounds later); `tick` itself when grid ≤ 0. */
export function snapTick(tick: number, grid: number): number {
  if (!(grid > 0)) return tick;
  return Math.round(tick / grid) * grid + 0; // + 0 turns -0 into 0
}

/** How {@link quantizeNotes} quantises. */
export interface QuantizeOptions {
  /** How far toward the grid to move, 0 (not at all) to 1 (onto it, the default). */
  readonly strength?: number;
  /** Also quantise note ends (default false: the length is kept and the note moves whole). */
  readonly ends?: boolean;
}

/**
 * Moves the starts of the selected notes toward the grid by `strength`. With `ends`, note ends
 * are moved toward the grid too, and at full strength a note is at least one grid step long
 * (its target end is never before one step after its snapped start); without, each note keeps its
 * length. No note is ever shorter than one tick or starts before tick 0. Results are whole ticks.
 */
export function quantizeNotes(notes: readonly Note[], ids: ReadonlySet<number>, grid: number, options: QuantizeOptions = {}): Note[] {
  if (!(grid > 0)) return [...notes];
  const strength = Math.min(Math.max(options.strength ?? 1, 0), 1);
  const toward = (from: number, target: number): number => Math.round(from + (target - from) * strength);
  return notes.map((n) => {
    if (!ids.has(n.id)) return n;
    const snappedStart = snapTick(n.start, grid);
    const start = Math.max(0, toward(n.start, snappedStart));
    let duration = n.duration;
    if (options.ends === true) {
      const end = n.start + n.duration;
      const targetEnd = Math.max(snapTick(end, grid), snappedStart + grid);
      duration = toward(end, targetEnd) - start;
    }
    return { ...n, start, duration: Math.max(1, duration) };
  });
}
