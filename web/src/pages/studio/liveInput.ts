/**
 * Notes played live (on-screen keys, the computer keyboard, a MIDI keyboard): sounded at once on
 * the shared synthesizer, shown as pressed, and passed to whoever listens (the recorder, step
 * input). Each key press's latency is measured: from the input event to the time the note is
 * scheduled on the audio clock, plus the audio context's output latency.
 */
import { signal } from "@preact/signals";
import type { NoteOutput } from "../../audio/output";
import { getOutput } from "../../audio/synth";
import { record } from "./measure";

/** A note played live, with the audio-clock time it sounded at. */
export interface LiveNote {
  pitch: number;
  velocity: number;
  time: number;
}

/** Something that takes live notes. */
export interface LiveListener {
  noteOn(note: LiveNote): void;
  noteOff(pitch: number, time: number): void;
}

/** The pitches held now. */
export const held = signal<ReadonlySet<number>>(new Set());
/** The last key-to-sound latencies in milliseconds (newest last, at most 50). */
export const latencies = signal<readonly number[]>([]);
/** The General MIDI program live notes sound with. */
export const liveProgram = signal(0);

const listeners = new Set<LiveListener>();
let output: NoteOutput | null = null;
const LIVE_CHANNEL = 15;

/** Starts the synthesizer for live play (call from a gesture); later notes sound without waiting. */
export async function armLiveInput(): Promise<void> {
  output ??= await getOutput();
  output.program(LIVE_CHANNEL, liveProgram.value);
}

/** Adds a listener; returns the removal. */
export function listen(listener: LiveListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Plays <paramref name="pitch" /> now; <paramref name="eventTime" /> is the input event's timeStamp (performance.now's clock). */
export function press(pitch: number, velocity: number, eventTime: number): void {
  if (held.value.has(pitch)) return;
  held.value = new Set([...held.value, pitch]);
  if (!output || pending) {
    // The first key of a page starts the synthesizer; keys played meanwhile sound, in order, once it is ready.
    queue(() => press2(pitch, velocity, eventTime, false));
    return;
  }
  press2(pitch, velocity, eventTime);
}

let pending: Promise<void> | null = null;
let queued = 0;

function queue(action: () => void): void {
  const mine = ++queued;
  pending = (pending ?? armLiveInput())
    .then(action)
    .catch(() => undefined)
    .finally(() => {
      // The last queued action clears the queue, so that later keys sound at once again.
      if (queued === mine) pending = null;
    });
}

function press2(pitch: number, velocity: number, eventTime: number, measure = true): void {
  const out = output!;
  const time = out.now();
  out.noteOn(LIVE_CHANNEL, pitch, velocity);
  const handled = performance.now();
  const ms = handled - eventTime + out.latency() * 1000;
  // Keys played while the synthesizer was still loading waited for it: that is start-up, not latency.
  if (measure) {
    latencies.value = [...latencies.value.slice(-49), ms];
    record("keyToSoundMs", ms);
  }
  for (const l of listeners) l.noteOn({ pitch, velocity, time });
}

/** Releases <paramref name="pitch" />. */
export function release(pitch: number): void {
  if (!held.value.has(pitch)) return;
  const next = new Set(held.value);
  next.delete(pitch);
  held.value = next;
  if (!output || pending) {
    queue(() => release2(pitch));
    return;
  }
  release2(pitch);
}

function release2(pitch: number): void {
  const out = output!;
  out.noteOff(LIVE_CHANNEL, pitch);
  const time = out.now();
  for (const l of listeners) l.noteOff(pitch, time);
}

/** Releases every held pitch (focus lost, page left). */
export function releaseAll(): void {
  for (const p of held.value) release(p);
}

/** Sounds a short note (auditioning a drawn note) without telling listeners. */
export function audition(pitch: number, velocity: number, program: number, channel = 14): void {
  void armLiveInput().then(() => {
    const out = output!;
    out.program(channel, program);
    out.noteOn(channel, pitch, velocity);
    out.noteOff(channel, pitch, out.now() + 0.25);
  });
}

/** The shared output once armed, else null (for the metronome). */
export function liveOutput(): NoteOutput | null {
  return output;
}
