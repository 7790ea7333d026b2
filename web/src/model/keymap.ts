/**
 * The computer keyboard as a piano, laid out as in Ableton Live and GarageBand: the home row
 * plays white keys from A (C) to ' (F an octave up), the row above the black keys; Z and X shift
 * the octave, C and V the velocity. Keys are `KeyboardEvent.code` values, so the layout stays
 * in place on AZERTY or Dvorak keyboards.
 */

/** Semitones above the base C played by each key code. */
export const NOTE_KEY_OFFSETS: Readonly<Record<string, number>> = {
  KeyA: 0,
  KeyW: 1,
  KeyS: 2,
  KeyE: 3,
  KeyD: 4,
  KeyF: 5,
  KeyT: 6,
  KeyG: 7,
  KeyY: 8,
  KeyH: 9,
  KeyU: 10,
  KeyJ: 11,
  KeyK: 12,
  KeyO: 13,
  KeyL: 14,
  KeyP: 15,
  Semicolon: 16,
  Quote: 17,
};

/** What the non-note keys do. */
export type KeyboardControl = "octaveDown" | "octaveUp" | "velocityDown" | "velocityUp";

const CONTROLS: Readonly<Record<string, KeyboardControl>> = {
  KeyZ: "octaveDown",
  KeyX: "octaveUp",
  KeyC: "velocityDown",
  KeyV: "velocityUp",
};

/** The base pitch the keyboard starts on: middle C (C4 = 60), key A. */
export const DEFAULT_BASE_PITCH = 60;

/** The velocity the keyboard starts on. */
export const DEFAULT_KEYBOARD_VELOCITY = 100;

const NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"] as const;

/**
 * The pitch a key plays with key A on `baseOctavePitch` (a C); undefined for a key that is not a
 * note key or a pitch outside 0..127.
 */
export function pitchForCode(code: string, baseOctavePitch: number): number | undefined {
  if (!Object.hasOwn(NOTE_KEY_OFFSETS, code)) return undefined;
  const pitch = baseOctavePitch + (NOTE_KEY_OFFSETS[code] ?? 0);
  return pitch >= 0 && pitch <= 127 ? pitch : undefined;
}

/** The control a key works (octave or velocity), or undefined. */
export function controlForCode(code: string): KeyboardControl | undefined {
  return Object.hasOwn(CONTROLS, code) ? CONTROLS[code] : undefined;
}

/**
 * The letter to print on the on-screen key for `pitch` when key A plays `baseOctavePitch`
 * ("A", "W", …, ";", "'"), or undefined when no computer key plays that pitch.
 */
export function keyLabelForPitch(pitch: number, baseOctavePitch: number): string | undefined {
  const offset = pitch - baseOctavePitch;
  for (const [code, o] of Object.entries(NOTE_KEY_OFFSETS)) {
    if (o !== offset) continue;
    if (code === "Semicolon") return ";";
    if (code === "Quote") return "'";
    return code.slice(3);
  }
  return undefined;
}

/** The name of a pitch with sharps and octave, middle C (60) being "C4"; 0 is "C-1". */
export function noteName(pitch: number): string {
  const p = Math.round(pitch);
  const name = NAMES[((p % 12) + 12) % 12] ?? "C";
  return `${name}${Math.floor(p / 12) - 1}`;
}

/** The base pitch one octave down (`direction` -1) or up (+1), kept within C-1 (0) to C9 (120). */
export function shiftOctave(baseOctavePitch: number, direction: -1 | 1): number {
  return Math.min(120, Math.max(0, baseOctavePitch + 12 * direction));
}

/**
 * The velocity one step down (-1) or up (+1). Steps are of 20 as in Live: up from 100 gives
 * 120 then 127, and down from 127 comes back onto the steps (120, 100, …, 20, then 1).
 */
export function stepVelocity(velocity: number, direction: -1 | 1): number {
  const next = direction > 0 ? (Math.floor(velocity / 20) + 1) * 20 : (Math.ceil(velocity / 20) - 1) * 20;
  return Math.min(127, Math.max(1, next));
}
