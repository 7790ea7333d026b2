/**
 * Opening a Standard MIDI File as a {@link Song}, leniently: what a good DAW would read past is
 * repaired and reported in plain sentences; only what cannot be opened throws {@link MidiFormatError}.
 */
import type { Note, Song, Track } from "../song";
import { parseMidiFile, type ParsedFile, type ParsedTrack, type Timed } from "./parse";

/** A song read from a file and the repairs made to read it (sentences for the user). */
export interface MidiReadResult {
  readonly song: Song;
  readonly repairs: string[];
}

/** Counts of each kind of repair, turned into sentences at the end. */
interface Tally {
  unclosed: number;
  zeroLength: number;
}

/** A note with the channel it was played on, before it becomes a track's note. */
interface ChannelNote {
  readonly channel: number;
  readonly pitch: number;
  readonly start: number;
  readonly duration: number;
  readonly velocity: number;
}

/** A voice found in the file, before roles and names are settled. */
interface Voice {
  readonly name: string | undefined;
  readonly channel: number;
  readonly program: number;
  readonly notes: readonly ChannelNote[];
}

/**
 * Reads a MIDI file (format 0 or 1). Each track with notes becomes a {@link Track}; a format-0
 * track playing on several channels becomes one track per channel. Tempo and time signature are
 * the first ones in the file. The first track whose name contains "melody" (else the first track)
 * is the melody. A file with no notes gives one empty melody track.
 * @throws MidiFormatError when the file cannot be opened (not MIDI, format 2, SMPTE timing, too large).
 */
export function readMidi(bytes: Uint8Array): MidiReadResult {
  const file = parseMidiFile(bytes);
  const repairs: string[] = [];
  const tally: Tally = { unclosed: 0, zeroLength: 0 };

  if (file.tracks.length !== file.declaredTracks) {
    const found = file.tracks.length;
    const rest = found === 0 ? "none" : `${found}; ${found === 1 ? "it was" : `all ${found} were`} read`;
    repairs.push(`The file's header lists ${count(file.declaredTracks, "track")} but the file holds ${rest}.`);
  }
  const cutShort = file.tracks.filter((t) => t.ending === "cutShort").length;
  if (cutShort > 0) {
    repairs.push(`${count(cutShort, "track")} ${was(cutShort)} cut short because the file ends early; the notes up to that point were kept.`);
  }
  const unreadable = file.tracks.filter((t) => t.ending === "unreadable").length;
  if (unreadable > 0) {
    repairs.push(`${count(unreadable, "track")} had data that could not be read; the notes before it were kept.`);
  }
  const noEnd = file.tracks.filter((t) => t.ending === "noEnd").length;
  if (noEnd > 0) {
    repairs.push(`${count(noEnd, "track")} had no end marker; ${noEnd === 1 ? "it was" : "they were"} read to the end of ${noEnd === 1 ? "its" : "their"} data.`);
  }

  const voices = file.tracks.flatMap((t) => voicesOf(t, file, tally));
  if (tally.unclosed > 0) {
    const one = tally.unclosed === 1;
    repairs.push(`${count(tally.unclosed, "note")} had no end; ${one ? "it was" : "they were"} ended at the end of ${one ? "its" : "their"} track.`);
  }
  if (tally.zeroLength > 0) {
    const one = tally.zeroLength === 1;
    repairs.push(`${count(tally.zeroLength, "note")} had no length; ${one ? "it was" : "they were"} given the shortest length, one tick.`);
  }

  const tempo = firstAndChanges(file.tracks.map((t) => t.tempos));
  const bpm = tempo === undefined ? 120 : Math.round(60_000_000_000 / tempo.first) / 1000;
  if (tempo !== undefined && tempo.changes > 0) {
    repairs.push(`The tempo changes ${times(tempo.changes)}; the whole song plays at the first tempo, ${bpm} bpm.`);
  }
  const meter = firstAndChanges(
    file.tracks.map((t) => t.timeSignatures),
    (a, b) => a.beats === b.beats && a.unit === b.unit,
  );
  const beatsPerBar = meter?.first.beats ?? 4;
  const beatUnit = meter?.first.unit ?? 4;
  if (meter !== undefined && meter.changes > 0) {
    repairs.push(`The time signature changes ${times(meter.changes)}; the first one, ${beatsPerBar}/${beatUnit}, is used throughout.`);
  }

  return { song: { ppq: file.ppq, bpm, beatsPerBar, beatUnit, tracks: tracksOf(voices) }, repairs };
}

/** Pairs a track's note-ons with their note-offs and splits format-0 tracks by channel. */
function voicesOf(track: ParsedTrack, file: ParsedFile, tally: Tally): Voice[] {
  const notes = pairNotes(track, tally);
  if (notes.length === 0) return [];
  const channels = file.format === 0 ? [...new Set(notes.map((n) => n.channel))].sort((a, b) => a - b) : [notes[0]?.channel ?? 0];
  const split = channels.length > 1;
  return channels.map((channel) => ({
    name: split && track.name !== undefined ? `${track.name} (channel ${channel + 1})` : track.name,
    channel,
    program: programFor(channel, track, file),
    notes: split ? notes.filter((n) => n.channel === channel) : notes,
  }));
}

/**
 * Notes from note-on/note-off pairs. A pitch struck again while held ends the held note there;
 * notes still held at the end of the track end with it; notes of no length get one tick.
 */
function pairNotes(track: ParsedTrack, tally: Tally): ChannelNote[] {
  const held = new Map<number, { start: number; velocity: number }>();
  const notes: ChannelNote[] = [];
  const close = (key: number, end: number): void => {
    const h = held.get(key);
    if (h === undefined) return;
    held.delete(key);
    let duration = end - h.start;
    if (duration <= 0) {
      tally.zeroLength++;
      duration = 1;
    }
    notes.push({ channel: key >> 7, pitch: key & 0x7f, start: h.start, duration, velocity: h.velocity });
  };
  for (const e of track.events) {
    if (e.kind === "program") continue;
    const key = (e.channel << 7) | e.value;
    close(key, e.tick);
    if (e.kind === "on") held.set(key, { start: e.tick, velocity: e.velocity });
  }
  tally.unclosed += held.size;
  for (const key of [...held.keys()]) close(key, track.endTick);
  return notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}

/** The first program change on `channel` in the track, else anywhere in the file, else 0 (piano). */
function programFor(channel: number, track: ParsedTrack, file: ParsedFile): number {
  const isIt = (e: { kind: string; channel: number }): boolean => e.kind === "program" && e.channel === channel;
  const own = track.events.find(isIt);
  if (own !== undefined) return own.value;
  for (const t of file.tracks) {
    const other = t.events.find(isIt);
    if (other !== undefined) return other.value;
  }
  return 0;
}

/** Numbers the voices as tracks and gives the melody role. */
function tracksOf(voices: readonly Voice[]): Track[] {
  if (voices.length === 0) return [{ id: "track-1", name: "Melody", role: "melody", program: 0, channel: 0, notes: [] }];
  const named = voices.findIndex((v) => v.name?.toLowerCase().includes("melody") === true);
  const melody = named >= 0 ? named : 0;
  return voices.map((v, i) => ({
    id: `track-${i + 1}`,
    name: v.name ?? `Track ${i + 1}`,
    role: i === melody ? "melody" : "accompaniment",
    program: v.program,
    channel: v.channel,
    notes: v.notes.map(
      (n, k): Note => ({ id: k + 1, pitch: n.pitch, start: n.start, duration: n.duration, velocity: n.velocity }),
    ),
  }));
}

/**
 * The earliest value across the tracks (ties go to the earlier track) and how many times the
 * value changes after it, in time order.
 */
function firstAndChanges<T>(
  lists: readonly (readonly Timed<T>[])[],
  same: (a: T, b: T) => boolean = (a, b) => a === b,
): { first: T; changes: number } | undefined {
  const all = lists.flatMap((list, track) => list.map((e, order) => ({ ...e, track, order })));
  all.sort((a, b) => a.tick - b.tick || a.track - b.track || a.order - b.order);
  const head = all[0];
  if (head === undefined) return undefined;
  let changes = 0;
  let previous = head.value;
  for (const e of all) {
    if (!same(e.value, previous)) changes++;
    previous = e.value;
  }
  return { first: head.value, changes };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function was(n: number): string {
  return n === 1 ? "was" : "were";
}

function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}
