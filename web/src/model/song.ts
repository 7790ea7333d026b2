/**
 * The console's music model: a song of tracks of notes, in ticks. Plain data, no DOM; every
 * edit returns a new value (undo keeps snapshots).
 */

/** A note: start and duration in ticks (see {@link Song.ppq}), pitch 0..127, velocity 1..127. */
export interface Note {
  /** Unique within its track; kept across edits so that selections survive them. */
  readonly id: number;
  readonly pitch: number;
  readonly start: number;
  readonly duration: number;
  readonly velocity: number;
}

/** The part a track plays in a composition: the melody given, or a voice the model wrote. */
export type TrackRole = "melody" | "accompaniment";

/** One voice: its notes, General MIDI program (0..127) and channel (0..15, 9 is drums). */
export interface Track {
  readonly id: string;
  readonly name: string;
  readonly role: TrackRole;
  readonly program: number;
  readonly channel: number;
  readonly notes: readonly Note[];
}

/** A song: ticks per quarter note, tempo in quarter notes per minute, the time signature and its tracks. */
export interface Song {
  readonly ppq: number;
  readonly bpm: number;
  readonly beatsPerBar: number;
  readonly beatUnit: number;
  readonly tracks: readonly Track[];
}

/** The ticks per quarter note the console uses for songs it creates. */
export const DEFAULT_PPQ = 480;

/** An empty one-track song (the melody) at 120 bpm in 4/4. */
export function emptySong(): Song {
  return {
    ppq: DEFAULT_PPQ,
    bpm: 120,
    beatsPerBar: 4,
    beatUnit: 4,
    tracks: [{ id: "melody", name: "Melody", role: "melody", program: 0, channel: 0, notes: [] }],
  };
}

/** Ticks in one bar of <paramref name="song" />. */
export function ticksPerBar(song: Pick<Song, "ppq" | "beatsPerBar" | "beatUnit">): number {
  return (song.ppq * 4 * song.beatsPerBar) / song.beatUnit;
}

/** Seconds per tick at the song's tempo. */
export function secondsPerTick(song: Pick<Song, "ppq" | "bpm">): number {
  return 60 / (song.bpm * song.ppq);
}

/** The tick just after the last note ends (0 for an empty song). */
export function songEnd(song: Song): number {
  let end = 0;
  for (const t of song.tracks) for (const n of t.notes) end = Math.max(end, n.start + n.duration);
  return end;
}
