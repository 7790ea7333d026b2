/**
 * The structural parse of a Standard MIDI File: header, chunks and the events of each track
 * that the console uses (notes, program changes, tempo, time signature, track name). Problems a
 * DAW would read past are recorded on the track; problems that make the file unusable throw
 * {@link MidiFormatError}. Turning events into notes is done in `read.ts`.
 */
import { BadData, Cursor, OutOfData, tagAt, u16At, u32At } from "./bytes";
import { MidiFormatError } from "./errors";

/** The largest file read: 16 MiB. */
export const MAX_MIDI_BYTES = 16 * 1024 * 1024;

/** The most notes read from one file. */
export const MAX_MIDI_NOTES = 1_000_000;

/** A channel event kept from a track, at its absolute tick. */
export interface ChannelEvent {
  readonly tick: number;
  /** "on" has velocity > 0; a note-on with velocity 0 is read as "off". */
  readonly kind: "on" | "off" | "program";
  readonly channel: number;
  /** The pitch, or the program number. */
  readonly value: number;
  /** The velocity ("on" only, else 0). */
  readonly velocity: number;
}

/** A meta event with a value, at its absolute tick. */
export interface Timed<T> {
  readonly tick: number;
  readonly value: T;
}

/** How reading a track's events ended. */
export type TrackEnding =
  /** At its End of Track event. */
  | "end"
  /** At the end of its data, without an End of Track event. */
  | "noEnd"
  /** At the end of the file, before the length its chunk header gave. */
  | "cutShort"
  /** At bytes that are not a valid event. */
  | "unreadable";

/** One track chunk's events. */
export interface ParsedTrack {
  readonly name: string | undefined;
  readonly events: readonly ChannelEvent[];
  /** Microseconds per quarter note. */
  readonly tempos: readonly Timed<number>[];
  readonly timeSignatures: readonly Timed<{ readonly beats: number; readonly unit: number }>[];
  /** The tick of the last event read (End of Track included). */
  readonly endTick: number;
  readonly ending: TrackEnding;
}

/** A whole file's structure. */
export interface ParsedFile {
  readonly format: 0 | 1;
  /** The number of tracks the header announces. */
  readonly declaredTracks: number;
  /** Ticks per quarter note. */
  readonly ppq: number;
  readonly tracks: readonly ParsedTrack[];
}

/** Parses the chunks of a MIDI file; see the module comment. */
export function parseMidiFile(bytes: Uint8Array): ParsedFile {
  if (bytes.length > MAX_MIDI_BYTES) {
    const mib = (bytes.length / (1024 * 1024)).toFixed(1);
    throw new MidiFormatError(`This file is ${mib} MiB; the console opens MIDI files of up to 16 MiB.`);
  }
  if (bytes.length < 4 || tagAt(bytes, 0) !== "MThd") {
    throw new MidiFormatError("This file is not a MIDI file (it does not start with MThd).");
  }
  if (bytes.length < 14) throw new MidiFormatError("This MIDI file ends inside its header, so it cannot be read.");
  const headerLength = u32At(bytes, 4);
  if (headerLength < 6) throw new MidiFormatError("This MIDI file's header is too short to be read.");
  const format = u16At(bytes, 8);
  const declaredTracks = u16At(bytes, 10);
  const division = u16At(bytes, 12);
  if (format === 2) {
    throw new MidiFormatError(
      "This MIDI file is format 2 (a set of separate patterns), which the console cannot open; save it as format 0 or 1.",
    );
  }
  if (format !== 0 && format !== 1) throw new MidiFormatError(`This MIDI file says it is format ${format}, which does not exist.`);
  if (division & 0x8000) {
    throw new MidiFormatError(
      "This MIDI file times its events in SMPTE frames rather than in beats, which the console cannot open; save it with a beat-based time division.",
    );
  }
  if (division === 0) throw new MidiFormatError("This MIDI file says a beat has 0 ticks, so its timing cannot be read.");

  const tracks: ParsedTrack[] = [];
  const budget = { notes: 0 };
  let pos = 8 + headerLength;
  while (pos + 8 <= bytes.length) {
    const tag = tagAt(bytes, pos);
    const start = pos + 8;
    const declaredEnd = start + u32At(bytes, pos + 4);
    const end = Math.min(declaredEnd, bytes.length);
    if (tag === "MTrk") tracks.push(parseTrack(new Cursor(bytes, start, end), declaredEnd > end, budget));
    pos = end;
  }
  return { format, declaredTracks, ppq: division, tracks };
}

/** Reads one track's events; `cut` says the chunk was truncated by the end of the file. */
function parseTrack(cursor: Cursor, cut: boolean, budget: { notes: number }): ParsedTrack {
  const events: ChannelEvent[] = [];
  const tempos: Timed<number>[] = [];
  const timeSignatures: Timed<{ beats: number; unit: number }>[] = [];
  let name: string | undefined;
  let tick = 0;
  let status = 0; // running status: the last channel status byte, 0 for none
  let ending: TrackEnding = cut ? "cutShort" : "noEnd";
  try {
    while (!cursor.done) {
      tick += cursor.vlq();
      const first = cursor.peek();
      if (first >= 0x80 && first < 0xf0) status = cursor.u8(); // a new channel status
      if (first === 0xff) {
        cursor.u8();
        const type = cursor.u8();
        const data = cursor.take(cursor.vlq());
        if (type === 0x2f) {
          ending = "end";
          break;
        }
        if (type === 0x03 && name === undefined) name = decodeText(data);
        if (type === 0x51 && data.length === 3) {
          const us = ((data[0] ?? 0) << 16) | ((data[1] ?? 0) << 8) | (data[2] ?? 0);
          if (us > 0) tempos.push({ tick, value: us });
        }
        if (type === 0x58 && data.length >= 2) {
          const beats = data[0] ?? 0;
          const power = data[1] ?? 0;
          if (beats > 0 && power <= 6) timeSignatures.push({ tick, value: { beats, unit: 2 ** power } });
        }
      } else if (first === 0xf0 || first === 0xf7) {
        cursor.u8();
        cursor.take(cursor.vlq()); // system exclusive: skipped
      } else if (first >= 0xf0) {
        throw new BadData(); // no other system message belongs in a file
      } else {
        if (first < 0x80 && status === 0) throw new BadData(); // data with no status to run on
        const event = readChannelEvent(cursor, status, tick);
        if (event?.kind === "on" && ++budget.notes > MAX_MIDI_NOTES) {
          throw new MidiFormatError("This MIDI file has more than 1,000,000 notes, more than the console can open.");
        }
        if (event !== undefined) events.push(event);
      }
    }
  } catch (e) {
    if (e instanceof BadData) ending = "unreadable";
    else if (!(e instanceof OutOfData)) throw e;
  }
  return { name, events, tempos, timeSignatures, endTick: tick, ending };
}

/** Reads the data bytes of a channel message (its status already consumed or running). */
function readChannelEvent(cursor: Cursor, status: number, tick: number): ChannelEvent | undefined {
  const kind = status & 0xf0;
  const channel = status & 0x0f;
  if (kind === 0xc0 || kind === 0xd0) {
    const value = cursor.data();
    return kind === 0xc0 ? { tick, kind: "program", channel, value, velocity: 0 } : undefined;
  }
  const value = cursor.data();
  const velocity = cursor.data();
  if (kind === 0x90 && velocity > 0) return { tick, kind: "on", channel, value, velocity };
  if (kind === 0x80 || kind === 0x90) return { tick, kind: "off", channel, value, velocity: 0 };
  return undefined; // aftertouch, controllers, pitch bend: not kept
}

/** A track name: UTF-8 when it is valid UTF-8, else Latin-1; trimmed, undefined when empty. */
function decodeText(data: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    text = new TextDecoder("latin1").decode(data);
  }
  // Strip NULs and other control characters some writers pad names with.
  const clean = text.replace(/[\u0000-\u001f]/g, "").trim();
  return clean === "" ? undefined : clean;
}
