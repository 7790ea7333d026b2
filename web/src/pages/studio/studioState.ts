/**
 * The studio's state: the song being edited (melody and, after composing, the voices), its undo
 * history, the selection, the active track, the mix, the loop and the tool. Signals, so that every
 * panel reads the same values; edits go through {@link StudioState.edit} so that undo sees them.
 */
import { computed, signal } from "@preact/signals";
import type { CompositionDto } from "../../api/types";
import { History } from "../../model/history";
import { gridTicks, type GridDivision } from "../../model/quantize";
import type { Note, Song, Track } from "../../model/song";
import { emptySong } from "../../model/song";

/** One studio's state (the page creates one). */
export class StudioState {
  readonly song = signal<Song>(emptySong());
  readonly selection = signal<ReadonlySet<number>>(new Set());
  readonly activeTrack = signal("melody");
  readonly tool = signal<"draw" | "select">("draw");
  readonly division = signal<GridDivision>("1/16");
  readonly loop = signal<{ start: number; end: number } | null>(null);
  readonly looping = signal(false);
  readonly muted = signal<ReadonlySet<string>>(new Set());
  readonly solo = signal<ReadonlySet<string>>(new Set());
  /** Where step input writes and where play starts when stopped. */
  readonly cursor = signal(0);
  readonly stepInput = signal(false);
  /** The composition on screen (null: a melody not composed yet). */
  readonly composition = signal<CompositionDto | null>(null);
  /** True when the song differs from what the server holds for the composition. */
  readonly unsaved = signal(false);
  /** Where the melody came from, in words (file name, sample, "recorded"). */
  readonly melodyName = signal("Untitled melody");
  /** Bumped when a song is loaded (not edited): the roll fits its view to it. */
  readonly loads = signal(0);
  /** Bumped on every change, so that views depending on history flags re-render. */
  readonly revision = signal(0);
  private history = new History<Song>(emptySong());

  readonly grid = computed(() => gridTicks(this.song.value.ppq, this.division.value));
  readonly track = computed(() => this.song.value.tracks.find((t) => t.id === this.activeTrack.value));
  readonly melody = computed(() => this.song.value.tracks.find((t) => t.role === "melody"));

  get canUndo(): boolean {
    void this.revision.value;
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    void this.revision.value;
    return this.history.canRedo;
  }

  /** Replaces the whole song (load, compose): a fresh history. */
  load(song: Song, composition: CompositionDto | null, melodyName?: string): void {
    this.history = new History(song);
    this.song.value = song;
    this.composition.value = composition;
    this.selection.value = new Set();
    this.activeTrack.value = song.tracks.find((t) => t.role === "melody")?.id ?? song.tracks[0]?.id ?? "melody";
    this.muted.value = new Set();
    this.solo.value = new Set();
    this.loop.value = null;
    this.looping.value = false;
    this.cursor.value = 0;
    this.unsaved.value = false;
    if (melodyName) this.melodyName.value = melodyName;
    this.loads.value++;
    this.revision.value++;
  }

  /** Replaces the active track's notes (coalesce: one undo step for a whole drag). */
  edit(notes: readonly Note[], coalesce?: string): void {
    this.replaceTrack(this.activeTrack.value, (t) => ({ ...t, notes }), coalesce);
  }

  /** Changes one track (instrument, notes) as one undo step. */
  replaceTrack(id: string, change: (t: Track) => Track, coalesce?: string): void {
    const song = this.song.value;
    const next: Song = { ...song, tracks: song.tracks.map((t) => (t.id === id ? change(t) : t)) };
    this.commit(next, coalesce);
  }

  /** Changes song-wide settings (tempo) as one undo step. */
  replaceSong(change: (s: Song) => Song, coalesce?: string): void {
    this.commit(change(this.song.value), coalesce);
  }

  undo(): void {
    const song = this.history.undo();
    if (!song) return;
    this.song.value = song;
    this.afterHistoryMove();
  }

  redo(): void {
    const song = this.history.redo();
    if (!song) return;
    this.song.value = song;
    this.afterHistoryMove();
  }

  private commit(next: Song, coalesce?: string): void {
    this.history.push(next, coalesce ? { coalesce } : {});
    this.song.value = next;
    if (this.composition.value) this.unsaved.value = true;
    this.revision.value++;
  }

  private afterHistoryMove(): void {
    const ids = new Set(this.track.value?.notes.map((n) => n.id) ?? []);
    this.selection.value = new Set([...this.selection.value].filter((id) => ids.has(id)));
    if (this.composition.value) this.unsaved.value = true;
    this.revision.value++;
  }
}
