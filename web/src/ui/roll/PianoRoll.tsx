/**
 * The piano roll: every track drawn in its colour, the active one editable with the pointer
 * (draw, select, box-select, move, resize, delete), a ruler to seek and set a loop, zoom and
 * scroll, and the playhead. Edits are reported, not kept: the page owns the song and its undo.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Note, Song } from "../../model/song";
import { songEnd, ticksPerBar } from "../../model/song";
import { addNote, moveNotes, noteAt, notesInBox, resizeNotes, resizeNotesStart } from "../../model/edit";
import { snapTick } from "../../model/quantize";
import { drawRoll } from "./draw";
import { centerPitches, partAt, pitchAt, tickAt, visibleRows, visibleTicks, xOf, zoomAround, type RollView } from "./view";

/** The roll's inputs; without the callbacks it only shows. */
export interface PianoRollProps {
  song: Song;
  /** The accessible name, e.g. "Melody editor" or "Sample at iteration 400". */
  label: string;
  readOnly?: boolean;
  height?: number;
  playhead?: number | null;
  activeTrack?: string;
  selection?: ReadonlySet<number>;
  /** Grid step in ticks (drawing and moving snap to it; hold Alt to not snap). */
  grid?: number;
  tool?: "draw" | "select";
  loop?: { start: number; end: number } | null;
  /** Tracks drawn faint (muted). */
  faintTracks?: ReadonlySet<string>;
  /** The step-input position, drawn as a blue line. */
  insertTick?: number | null;
  /** Follows the playhead while playing (page by page). */
  follow?: boolean;
  onEdit?: (notes: readonly Note[], coalesce?: string) => void;
  onSelect?: (ids: ReadonlySet<number>) => void;
  onSeek?: (tick: number) => void;
  onLoop?: (loop: { start: number; end: number } | null) => void;
  /** A note was drawn or picked up: sound it. */
  onAudition?: (pitch: number, velocity: number) => void;
  /** Fit the view to the song when this changes (a song loaded); without it, the view fits once when notes first appear. */
  fitKey?: string | number;
  /** Called with the zoom functions so a toolbar can drive them. */
  controls?: (c: RollControls) => void;
}

/** Zoom and scroll from outside (toolbar buttons, shortcuts). */
export interface RollControls {
  zoom(factor: number): void;
  fit(): void;
}

const empty = new Set<number>();
const none = new Set<string>();
let gestureCounter = 0;

/** The piano roll. */
export function PianoRoll(props: PianoRollProps) {
  const { song, height = 360 } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<RollView>(() => initialView(song, 800, height));
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const viewRef = useRef(view);
  viewRef.current = view;
  const fitted = useRef(false);

  // Width follows the container; the first real width fits the song.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const resize = () => {
      const width = Math.max(300, Math.floor(el.clientWidth));
      setView((v) => {
        const next = { ...v, width, height };
        if (!fitted.current && props.fitKey === undefined && song.tracks.some((t) => t.notes.length > 0)) {
          fitted.current = true;
          return fitView(song, next);
        }
        return next;
      });
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    return () => observer.disconnect();
  }, [height]);

  // A song loaded is fitted; notes drawn by hand never move the view under the pointer.
  useEffect(() => {
    if (props.fitKey !== undefined) return;
    if (!fitted.current && song.tracks.some((t) => t.notes.length > 0)) {
      fitted.current = true;
      setView((v) => fitView(song, v));
    }
  }, [song]);
  useEffect(() => {
    if (props.fitKey === undefined) return;
    fitted.current = true;
    setView((v) => fitView(song, v));
  }, [props.fitKey]);

  // Page-flip follow while playing.
  useEffect(() => {
    const p = props.playhead;
    if (p === null || p === undefined || props.follow === false) return;
    const v = viewRef.current;
    const span = visibleTicks(v);
    if (p < v.scrollTick || p > v.scrollTick + span * 0.95) setView({ ...v, scrollTick: Math.max(0, p - span * 0.05) });
  }, [props.playhead]);

  useEffect(() => {
    props.controls?.({
      zoom: (f) => setView((v) => zoomAround(v, f, v.keysWidth + (v.width - v.keysWidth) / 2)),
      fit: () => setView((v) => fitView(song, v)),
    });
  });

  // Paint.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    if (c.width !== view.width * ratio || c.height !== view.height * ratio) {
      c.width = view.width * ratio;
      c.height = view.height * ratio;
    }
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawRoll(ctx, view, song, {
      activeTrack: props.activeTrack,
      selection: props.selection ?? empty,
      grid: props.grid ?? song.ppq / 4,
      playhead: props.playhead ?? null,
      loop: props.loop ?? null,
      faintTracks: props.faintTracks ?? none,
      box: drag,
      insertTick: props.insertTick ?? null,
    });
  });

  const active = song.tracks.find((t) => t.id === props.activeTrack);
  const editable = !props.readOnly && active !== undefined && props.onEdit !== undefined;

  const onPointerDown = (e: PointerEvent) => {
    const c = canvas.current;
    if (!c || e.button === 1) return;
    const rect = c.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const v = viewRef.current;
    const grid = e.altKey ? 1 : (props.grid ?? song.ppq / 4);
    // Ruler: seek; with Shift, drag a loop region.
    if (y < v.rulerHeight) {
      const tick = Math.max(0, snapTick(tickAt(v, x), grid));
      if (e.shiftKey && props.onLoop) {
        track(c, e, (mx) => {
          const t = Math.max(0, snapTick(tickAt(viewRef.current, mx), grid));
          props.onLoop!(t === tick ? null : { start: Math.min(t, tick), end: Math.max(t, tick) });
        });
      } else props.onSeek?.(tick);
      return;
    }
    if (x < v.keysWidth) {
      props.onAudition?.(pitchAt(v, y), 100);
      return;
    }
    if (!editable || !active) return;
    const tick = tickAt(v, x);
    const pitch = pitchAt(v, y);
    const hit = noteAt(active.notes, tick, pitch);
    const selection = props.selection ?? empty;
    const key = `gesture-${++gestureCounter}`;
    if (hit && (e.button === 2 || (e.detail >= 2 && props.tool !== "select"))) {
      // Right-click or double-click deletes (the selection too, when the note is in it).
      const ids = selection.has(hit.id) ? selection : new Set([hit.id]);
      props.onEdit!(active.notes.filter((n) => !ids.has(n.id)));
      props.onSelect?.(new Set());
      return;
    }
    if (e.button !== 0) return;
    if (hit) {
      let ids: ReadonlySet<number> = selection;
      if (e.shiftKey || e.ctrlKey || e.metaKey) {
        const next = new Set(selection);
        if (next.has(hit.id)) next.delete(hit.id);
        else next.add(hit.id);
        props.onSelect?.(next);
        return;
      }
      if (!selection.has(hit.id)) {
        ids = new Set([hit.id]);
        props.onSelect?.(ids);
      }
      props.onAudition?.(hit.pitch, hit.velocity);
      const part = partAt(xOf(v, hit.start), xOf(v, hit.start + hit.duration), x);
      const base = active.notes;
      track(c, e, (mx, my, alt) => {
        const w = viewRef.current;
        const g = alt ? 1 : (props.grid ?? song.ppq / 4);
        const dt = snapTick(tickAt(w, mx) - tick, g);
        if (part === "end") props.onEdit!(resizeNotes(base, ids, dt, Math.max(1, g)), key);
        else if (part === "start") props.onEdit!(resizeNotesStart(base, ids, dt, Math.max(1, g)), key);
        else {
          // Move by whole grid steps relative to where the note started, so it lands on the grid.
          const snappedStart = snapTick(hit.start + (tickAt(w, mx) - tick), g);
          props.onEdit!(moveNotes(base, ids, snappedStart - hit.start, pitchAt(w, my) - pitch), key);
        }
      });
      return;
    }
    if (props.tool === "select" || e.shiftKey) {
      const keep = e.shiftKey ? selection : empty;
      setDrag({ x0: x, y0: y, x1: x, y1: y });
      track(
        c,
        e,
        (mx, my) => {
          setDrag({ x0: x, y0: y, x1: mx, y1: my });
          const w = viewRef.current;
          const ids = notesInBox(active.notes, tickAt(w, x), tickAt(w, mx), pitchAt(w, y), pitchAt(w, my));
          props.onSelect?.(new Set([...keep, ...ids]));
        },
        () => setDrag(null),
      );
      if (!e.shiftKey) props.onSelect?.(new Set());
      return;
    }
    // Draw: a note one grid step long at the snapped position; dragging right lengthens it.
    const start = Math.max(0, Math.floor(tick / grid) * grid);
    const velocity = active.notes.at(-1)?.velocity ?? 96;
    const added = addNote(active.notes, { pitch, start, duration: grid, velocity });
    props.onEdit!(added.notes, key);
    props.onSelect?.(new Set([added.id]));
    props.onAudition?.(pitch, velocity);
    track(c, e, (mx) => {
      const end = Math.max(start + grid, Math.ceil(tickAt(viewRef.current, mx) / grid) * grid);
      props.onEdit!(resizeNotes(added.notes, new Set([added.id]), end - start - grid, grid), key);
    });
  };

  const onWheel = (e: WheelEvent) => {
    const v = viewRef.current;
    if (e.altKey) {
      // Alt+wheel: taller or shorter rows (vertical zoom).
      e.preventDefault();
      const rowHeight = Math.max(4, Math.min(24, v.rowHeight + (e.deltaY < 0 ? 1 : -1)));
      setView({ ...v, rowHeight, topPitch: Math.max(visibleRows({ ...v, rowHeight }) - 1, v.topPitch) });
    } else if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      const rect = canvas.current!.getBoundingClientRect();
      setView(zoomAround(v, Math.exp(-e.deltaY * 0.002), e.clientX - rect.left));
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      e.preventDefault();
      const d = e.shiftKey ? e.deltaY : e.deltaX;
      setView({ ...v, scrollTick: Math.max(0, v.scrollTick + d / v.pxPerTick) });
    } else {
      e.preventDefault();
      const rows = Math.sign(e.deltaY) * Math.max(1, Math.round(Math.abs(e.deltaY) / 30));
      setView({ ...v, topPitch: Math.max(20, Math.min(127, v.topPitch - rows)) });
    }
  };

  // The horizontal scrollbar covers the song plus a little room to write more.
  const total = Math.max(songEnd(song), props.playhead ?? 0) + ticksPerBar(song) * 4;
  const span = visibleTicks(view);
  return (
    <div class="roll" ref={box}>
      <canvas
        ref={canvas}
        style={{ width: `${view.width}px`, height: `${view.height}px`, cursor: editable ? (props.tool === "select" ? "default" : "crosshair") : "default" }}
        role="img"
        aria-label={`${props.label}: ${describe(song)}`}
        onPointerDown={onPointerDown}
        onWheel={onWheel}
        onContextMenu={(e) => e.preventDefault()}
      />
      <input
        type="range"
        class="roll-scroll"
        aria-label={`${props.label}: scroll in time`}
        min={0}
        max={Math.max(0, Math.round(total - span))}
        step={1}
        value={Math.round(view.scrollTick)}
        onInput={(e) => setView({ ...viewRef.current, scrollTick: Number((e.target as HTMLInputElement).value) })}
      />
    </div>
  );
}

/** Captures the pointer for a drag: moves go to <paramref name="move" />, the end to <paramref name="end" />. */
function track(el: HTMLElement, down: PointerEvent, move: (x: number, y: number, alt: boolean) => void, end?: () => void): void {
  el.setPointerCapture(down.pointerId);
  const rect = el.getBoundingClientRect();
  const onMove = (e: PointerEvent) => move(e.clientX - rect.left, e.clientY - rect.top, e.altKey);
  const onUp = () => {
    el.removeEventListener("pointermove", onMove);
    el.removeEventListener("pointerup", onUp);
    el.removeEventListener("pointercancel", onUp);
    end?.();
  };
  el.addEventListener("pointermove", onMove);
  el.addEventListener("pointerup", onUp);
  el.addEventListener("pointercancel", onUp);
}

function initialView(song: Song, width: number, height: number): RollView {
  const v: RollView = { width, height, keysWidth: 44, rulerHeight: 22, pxPerTick: 0.1, scrollTick: 0, rowHeight: 10, topPitch: 84 };
  return fitView(song, v);
}

/** Zooms to show the whole song (at least 4 bars) and centres its pitches. */
function fitView(song: Song, v: RollView): RollView {
  const end = Math.max(songEnd(song), ticksPerBar(song) * 4);
  const pxPerTick = Math.min(0.5, (v.width - v.keysWidth - 8) / end);
  let low = 127;
  let high = 0;
  for (const t of song.tracks)
    for (const n of t.notes) {
      low = Math.min(low, n.pitch);
      high = Math.max(high, n.pitch);
    }
  if (low > high) {
    low = 55;
    high = 79;
  }
  const rows = Math.max(12, high - low + 5);
  const rowHeight = Math.max(4, Math.min(14, Math.floor((v.height - v.rulerHeight) / rows)));
  return centerPitches({ ...v, pxPerTick, scrollTick: 0, rowHeight }, low, high);
}

function describe(song: Song): string {
  const notes = song.tracks.reduce((s, t) => s + t.notes.length, 0);
  const bars = Math.ceil(songEnd(song) / ticksPerBar(song));
  return `${song.tracks.length} ${song.tracks.length === 1 ? "track" : "tracks"}, ${notes} notes, ${bars} bars`;
}
