/** The studio's calls to the server: compose a melody, load a composition, save an edited one. */
import { api, apiBytes } from "../../api/client";
import type { CompositionDto } from "../../api/types";
import { readMidi, writeMidi } from "../../model/midi";
import type { Song } from "../../model/song";

/** What the Compose panel asks for. */
export interface ComposeSettings {
  model: string;
  seed: number;
  candidates: number;
  /** General MIDI program per output track, or empty for the model's defaults. */
  programs: readonly number[];
  threshold: number | null;
  keyPenalty: number | null;
}

/** The melody alone as a MIDI file (the melody track only, at the song's tempo). */
export function melodyMidi(song: Song): Uint8Array {
  const melody = song.tracks.find((t) => t.role === "melody");
  return writeMidi({ ...song, tracks: melody ? [{ ...melody, channel: 0 }] : [] });
}

/** Composes: sends the melody and settings, then loads the result's MIDI as a song. */
export async function compose(song: Song, melodyName: string, s: ComposeSettings, signal?: AbortSignal): Promise<{ composition: CompositionDto; song: Song }> {
  const form = new FormData();
  const name = /\.midi?$/i.test(melodyName) ? melodyName : `${melodyName}.mid`;
  form.append("melody", new Blob([melodyMidi(song) as BlobPart], { type: "audio/midi" }), name);
  form.append("model", s.model);
  form.append("seed", String(s.seed));
  form.append("candidates", String(s.candidates));
  if (s.programs.length > 0) form.append("programs", s.programs.join(","));
  if (s.threshold !== null) form.append("threshold", String(s.threshold));
  if (s.keyPenalty !== null) form.append("keyPenalty", String(s.keyPenalty));
  const composition = await api<CompositionDto>("POST", "/api/compositions", signal ? { form, signal } : { form });
  return { composition, song: await compositionSong(composition, signal) };
}

/** A stored composition and its song. */
export async function loadComposition(id: string, signal?: AbortSignal): Promise<{ composition: CompositionDto; song: Song }> {
  const composition = await api<CompositionDto>("GET", `/api/compositions/${encodeURIComponent(id)}`, signal ? { signal } : {});
  return { composition, song: await compositionSong(composition, signal) };
}

async function compositionSong(c: CompositionDto, signal?: AbortSignal): Promise<Song> {
  const bytes = await apiBytes(c.links.midi, signal);
  return readMidi(new Uint8Array(bytes)).song;
}

/** Stores the edited song as the composition's current version. */
export async function saveComposition(id: string, song: Song): Promise<CompositionDto> {
  const form = new FormData();
  form.append("midi", new Blob([writeMidi(song) as BlobPart], { type: "audio/midi" }), `${id}.mid`);
  return api<CompositionDto>("PUT", `/api/compositions/${encodeURIComponent(id)}/midi`, { form });
}

/** A random seed for "another take" (the server takes any unsigned 53-bit integer here). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
