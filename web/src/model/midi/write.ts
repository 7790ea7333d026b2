/**
 * Saving a {@link Song} as a Standard MIDI File (format 1), readable by any DAW.
 */
import type { Note, Song, Track } from "../song";
import { ByteWriter } from "./bytes";

/** The General MIDI drum channel (channel 10 to a musician), which takes no program change. */
const DRUM_CHANNEL = 9;

/**
 * Writes `song` as a format-1 MIDI file: a first track with the tempo and time signature, then
 * one track per {@link Track} with its name, program change (none on the drum channel 9) and
 * notes, every status byte written out (no running status), each track closed by End of Track.
 * Where two notes of the same pitch in a track overlap, the earlier is ended where the later
 * starts (MIDI cannot hold one key twice); of two such notes starting together, only the longer
 * is written. Values out of range are clamped.
 * @throws RangeError when `song.ppq` is not 1..32767 (not expressible in a MIDI header).
 */
export function writeMidi(song: Song): Uint8Array {
  if (!Number.isInteger(song.ppq) || song.ppq < 1 || song.ppq > 0x7fff) {
    throw new RangeError(`ppq ${song.ppq} cannot be written to a MIDI file (it must be 1..32767).`);
  }
  const out = new ByteWriter();
  out.tag("MThd").u32(6).u16(1).u16(song.tracks.length + 1).u16(song.ppq);
  chunk(out, conductor(song));
  for (const track of song.tracks) chunk(out, voice(track));
  return out.toBytes();
}

/** Appends an MTrk chunk around `body`. */
function chunk(out: ByteWriter, body: Uint8Array): void {
  out.tag("MTrk").u32(body.length).append(body);
}

/** Track 0: tempo and time signature at tick 0. */
function conductor(song: Song): Uint8Array {
  const w = new ByteWriter();
  const us = clamp(Math.round(60_000_000 / song.bpm), 1, 0xffffff);
  w.vlq(0).bytes(0xff, 0x51, 3, us >>> 16, us >>> 8, us);
  const beats = clamp(Math.round(song.beatsPerBar), 1, 255);
  const power = clamp(Math.round(Math.log2(song.beatUnit)), 0, 6);
  w.vlq(0).bytes(0xff, 0x58, 4, beats, power, 24, 8); // 24 MIDI clocks a click, 8 32nds a quarter
  w.vlq(0).bytes(0xff, 0x2f, 0);
  return w.toBytes();
}

/** A timed event: note-offs sort before note-ons at the same tick. */
interface Timed {
  readonly tick: number;
  readonly order: number;
  readonly bytes: readonly number[];
}

/** One instrument track: name, program, notes. */
function voice(track: Track): Uint8Array {
  const w = new ByteWriter();
  const name = new TextEncoder().encode(track.name);
  w.vlq(0).bytes(0xff, 0x03).vlq(name.length).append(name);
  const channel = clamp(Math.round(track.channel), 0, 15);
  if (channel !== DRUM_CHANNEL) w.vlq(0).bytes(0xc0 | channel, clamp(Math.round(track.program), 0, 127));
  const events: Timed[] = [];
  for (const n of playable(track.notes)) {
    events.push({ tick: n.start, order: 1, bytes: [0x90 | channel, n.pitch, n.velocity] });
    events.push({ tick: n.start + n.duration, order: 0, bytes: [0x80 | channel, n.pitch, 0x40] });
  }
  events.sort((a, b) => a.tick - b.tick || a.order - b.order || (a.bytes[1] ?? 0) - (b.bytes[1] ?? 0));
  let tick = 0;
  for (const e of events) {
    w.vlq(e.tick - tick).bytes(...e.bytes);
    tick = e.tick;
  }
  w.vlq(0).bytes(0xff, 0x2f, 0);
  return w.toBytes();
}

/** The notes clamped into range, same-pitch overlaps ended where the next note starts. */
function playable(notes: readonly Note[]): Note[] {
  const clean = notes
    .map((n) => ({
      ...n,
      pitch: clamp(Math.round(n.pitch), 0, 127),
      start: Math.max(0, Math.round(n.start)),
      duration: Math.max(1, Math.round(n.duration)),
      velocity: clamp(Math.round(n.velocity), 1, 127),
    }))
    .sort((a, b) => a.pitch - b.pitch || a.start - b.start || a.duration - b.duration);
  const out: Note[] = [];
  clean.forEach((n, i) => {
    const next = clean[i + 1];
    const end = next !== undefined && next.pitch === n.pitch ? Math.min(n.start + n.duration, next.start) : n.start + n.duration;
    if (end > n.start) out.push({ ...n, duration: end - n.start });
  });
  return out;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(Math.max(value, lo), hi);
}
