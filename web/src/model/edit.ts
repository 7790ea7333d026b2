/**
 * Piano-roll edits on a track's notes. Every function is pure: it takes the notes as they are
 * and returns a new array (the input is never changed). Notes not selected are returned as the
 * same objects, in the same order; selected notes are replaced by edited copies in place, so
 * the array order is kept (use {@link sortNotes} when an order by time is needed).
 */
import type { Note } from "./song";

/** A note to add: everything but the id, which {@link addNote} chooses. */
export type NoteDraft = Omit<Note, "id">;

/** Copied notes, their starts relative to the earliest copied start (so the first is at 0). */
export interface Clipboard {
  readonly notes: readonly NoteDraft[];
  /** Ticks from the earliest start to the latest end: the length of the copied passage. */
  readonly span: number;
}

/** The lowest and highest MIDI pitch. */
const PITCH_MIN = 0;
const PITCH_MAX = 127;

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(Math.max(value, lo), hi);
}

/** A valid velocity (1..127, whole) from any number. */
function velocityOf(value: number): number {
  return clamp(Math.round(value), 1, 127);
}

/** Applies `edit` to the selected notes only. */
function mapSelected(notes: readonly Note[], ids: ReadonlySet<number>, edit: (n: Note) => Note): Note[] {
  return notes.map((n) => (ids.has(n.id) ? edit(n) : n));
}

/** The id for a new note: one more than the largest id in use (1 when there are none). */
export function nextNoteId(notes: readonly Note[]): number {
  let max = 0;
  for (const n of notes) max = Math.max(max, n.id);
  return max + 1;
}

/**
 * Adds a note at the end of the array. Out-of-range values are brought in range: pitch 0..127,
 * start ≥ 0, duration ≥ 1 tick, velocity 1..127.
 */
export function addNote(notes: readonly Note[], draft: NoteDraft): { notes: Note[]; id: number } {
  const id = nextNoteId(notes);
  const note: Note = {
    id,
    pitch: clamp(Math.round(draft.pitch), PITCH_MIN, PITCH_MAX),
    start: Math.max(0, Math.round(draft.start)),
    duration: Math.max(1, Math.round(draft.duration)),
    velocity: velocityOf(draft.velocity),
  };
  return { notes: [...notes, note], id };
}

/** The notes without the selected ones. */
export function deleteNotes(notes: readonly Note[], ids: ReadonlySet<number>): Note[] {
  return notes.filter((n) => !ids.has(n.id));
}

/**
 * Moves the selection by `dTicks` and `dPitch` as one block: the offsets are reduced so that no
 * selected note would start before tick 0 or leave pitches 0..127, so the selection keeps its shape.
 */
export function moveNotes(notes: readonly Note[], ids: ReadonlySet<number>, dTicks: number, dPitch: number): Note[] {
  let minStart = Infinity;
  let minPitch = Infinity;
  let maxPitch = -Infinity;
  for (const n of notes) {
    if (!ids.has(n.id)) continue;
    minStart = Math.min(minStart, n.start);
    minPitch = Math.min(minPitch, n.pitch);
    maxPitch = Math.max(maxPitch, n.pitch);
  }
  if (minStart === Infinity) return [...notes];
  const dt = Math.max(Math.round(dTicks), -minStart);
  const dp = clamp(Math.round(dPitch), PITCH_MIN - minPitch, PITCH_MAX - maxPitch);
  if (dt === 0 && dp === 0) return [...notes];
  return mapSelected(notes, ids, (n) => ({ ...n, start: n.start + dt, pitch: n.pitch + dp }));
}

/** Transposes the selection by `semitones` (12 = one octave), clamped as a block like {@link moveNotes}. */
export function transposeNotes(notes: readonly Note[], ids: ReadonlySet<number>, semitones: number): Note[] {
  return moveNotes(notes, ids, 0, semitones);
}

/**
 * The shortest a resize may make a note: `minDuration` (at least 1 tick), or the note's own
 * duration when it is already shorter (a shrinking drag never lengthens a note).
 */
function shortest(n: Note, minDuration: number): number {
  return Math.min(Math.max(1, Math.round(minDuration)), n.duration);
}

/**
 * Moves the right edge (end) of each selected note by `dTicks`, keeping its start; a note is
 * never made shorter than `minDuration` (each note is limited on its own).
 */
export function resizeNotes(notes: readonly Note[], ids: ReadonlySet<number>, dTicks: number, minDuration: number): Note[] {
  const d = Math.round(dTicks);
  return mapSelected(notes, ids, (n) => ({ ...n, duration: Math.max(shortest(n, minDuration), n.duration + d) }));
}

/**
 * Moves the left edge (start) of each selected note by `dTicks`, keeping its end where it is; a
 * note never starts before tick 0 and is never made shorter than `minDuration`.
 */
export function resizeNotesStart(notes: readonly Note[], ids: ReadonlySet<number>, dTicks: number, minDuration: number): Note[] {
  const d = Math.round(dTicks);
  return mapSelected(notes, ids, (n) => {
    const end = n.start + n.duration;
    const start = clamp(n.start + d, 0, end - shortest(n, minDuration));
    return { ...n, start, duration: end - start };
  });
}

/** Sets the velocity of the selected notes (brought into 1..127). */
export function setVelocity(notes: readonly Note[], ids: ReadonlySet<number>, velocity: number): Note[] {
  const v = velocityOf(velocity);
  return mapSelected(notes, ids, (n) => ({ ...n, velocity: v }));
}

/** Multiplies the velocity of the selected notes by `factor` (results rounded, kept in 1..127). */
export function scaleVelocity(notes: readonly Note[], ids: ReadonlySet<number>, factor: number): Note[] {
  return mapSelected(notes, ids, (n) => ({ ...n, velocity: velocityOf(n.velocity * factor) }));
}

/**
 * The ids of the notes touching a rubber-band rectangle. The corners may be given in any order.
 * The box covers ticks from the smaller to the larger tick, ends included, and pitches from the
 * lower to the higher pitch, both included; a note covers ticks from its start up to (not
 * including) its end. A box of zero width therefore selects the notes sounding at that tick.
 */
export function notesInBox(notes: readonly Note[], tick0: number, tick1: number, pitch0: number, pitch1: number): Set<number> {
  const t0 = Math.min(tick0, tick1);
  const t1 = Math.max(tick0, tick1);
  const p0 = Math.min(pitch0, pitch1);
  const p1 = Math.max(pitch0, pitch1);
  const found = new Set<number>();
  for (const n of notes) {
    if (n.pitch >= p0 && n.pitch <= p1 && n.start <= t1 && n.start + n.duration > t0) found.add(n.id);
  }
  return found;
}

/**
 * The note drawn on top at a point of the roll: of the notes of that pitch sounding at `tick`
 * (start ≤ tick < end), the one that starts latest; among equal starts, the later in the array.
 */
export function noteAt(notes: readonly Note[], tick: number, pitch: number): Note | undefined {
  let top: Note | undefined;
  for (const n of notes) {
    if (n.pitch !== pitch || tick < n.start || tick >= n.start + n.duration) continue;
    if (top === undefined || n.start >= top.start) top = n;
  }
  return top;
}

/** The notes sorted by start, then pitch (then id, so that the order is always the same). */
export function sortNotes(notes: readonly Note[]): Note[] {
  return [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch || a.id - b.id);
}

/** Copies the selected notes, in time order, their starts made relative to the earliest one. */
export function copyNotes(notes: readonly Note[], ids: ReadonlySet<number>): Clipboard {
  const chosen = sortNotes(notes.filter((n) => ids.has(n.id)));
  const first = chosen[0];
  if (first === undefined) return { notes: [], span: 0 };
  const origin = first.start;
  let span = 0;
  const copied = chosen.map((n) => {
    span = Math.max(span, n.start + n.duration - origin);
    return { pitch: n.pitch, start: n.start - origin, duration: n.duration, velocity: n.velocity };
  });
  return { notes: copied, span };
}

/**
 * Pastes the clipboard so that its earliest note starts at `atTick` (at least 0). The pasted
 * notes get new ids, returned so that the UI can select them.
 */
export function pasteNotes(notes: readonly Note[], clip: Clipboard, atTick: number): { notes: Note[]; ids: Set<number> } {
  const at = Math.max(0, Math.round(atTick));
  let id = nextNoteId(notes);
  const ids = new Set<number>();
  const pasted = clip.notes.map((c) => {
    ids.add(id);
    return { ...c, id: id++, start: c.start + at };
  });
  return { notes: [...notes, ...pasted], ids };
}
