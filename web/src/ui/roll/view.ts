/**
 * The piano roll's viewport: ticks ↔ x and pitches ↔ y, pure (tested without a browser).
 * x grows with time from the left edge after the keyboard; y grows downward from the top pitch.
 */

/** What part of the song is shown and how large. */
export interface RollView {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Left keyboard and top ruler sizes. */
  keysWidth: number;
  rulerHeight: number;
  /** Horizontal zoom and the first tick shown. */
  pxPerTick: number;
  scrollTick: number;
  /** Vertical zoom and the highest pitch shown at the top. */
  rowHeight: number;
  topPitch: number;
}

/** The x of <paramref name="tick" />. */
export const xOf = (v: RollView, tick: number): number => v.keysWidth + (tick - v.scrollTick) * v.pxPerTick;
/** The tick at <paramref name="x" /> (unclamped). */
export const tickAt = (v: RollView, x: number): number => v.scrollTick + (x - v.keysWidth) / v.pxPerTick;
/** The top y of <paramref name="pitch" />'s row. */
export const yOf = (v: RollView, pitch: number): number => v.rulerHeight + (v.topPitch - pitch) * v.rowHeight;
/** The pitch whose row holds <paramref name="y" />, clamped to 0..127. */
export const pitchAt = (v: RollView, y: number): number =>
  Math.max(0, Math.min(127, v.topPitch - Math.floor((y - v.rulerHeight) / v.rowHeight)));
/** Rows that fit under the ruler. */
export const visibleRows = (v: RollView): number => Math.floor((v.height - v.rulerHeight) / v.rowHeight);
/** Ticks that fit right of the keyboard. */
export const visibleTicks = (v: RollView): number => (v.width - v.keysWidth) / v.pxPerTick;

/** True for the black keys' pitch classes. */
export const isBlack = (pitch: number): boolean => [1, 3, 6, 8, 10].includes(((pitch % 12) + 12) % 12);

/** The view scrolled so that pitches <paramref name="low" />..<paramref name="high" /> sit in the middle (clamped to 0..127). */
export function centerPitches(v: RollView, low: number, high: number): RollView {
  const rows = visibleRows(v);
  const middle = Math.round((low + high) / 2);
  const top = Math.max(rows - 1, Math.min(127, middle + Math.floor(rows / 2)));
  return { ...v, topPitch: top };
}

/** The view zoomed by <paramref name="factor" /> keeping the tick under <paramref name="x" /> fixed. */
export function zoomAround(v: RollView, factor: number, x: number, min = 0.005, max = 2): RollView {
  const pxPerTick = Math.max(min, Math.min(max, v.pxPerTick * factor));
  const tick = tickAt(v, x);
  return { ...v, pxPerTick, scrollTick: Math.max(0, tick - (x - v.keysWidth) / pxPerTick) };
}

/** Which part of a note a point is on: its left or right edge (to resize) or its body (to move). */
export type NotePart = "start" | "end" | "body";

/** The part of a note (drawn from x0 to x1) at <paramref name="x" />: edges are 6 px, or a third of a short note. */
export function partAt(x0: number, x1: number, x: number): NotePart {
  const edge = Math.min(6, (x1 - x0) / 3);
  if (x >= x1 - edge) return "end";
  if (x <= x0 + edge && x1 - x0 > 12) return "start";
  return "body";
}
