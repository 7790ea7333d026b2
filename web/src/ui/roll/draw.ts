/** Paints the piano roll on a canvas: rows, grid, notes of every track, ruler, loop, playhead, selection box. */
import type { Song, Track } from "../../model/song";
import { ticksPerBar } from "../../model/song";
import { MELODY_COLOR, voiceColor } from "./colors";
import { isBlack, tickAt, visibleRows, xOf, yOf, type RollView } from "./view";

/** What to paint besides the song. */
export interface Overlay {
  activeTrack: string | undefined;
  selection: ReadonlySet<number>;
  grid: number;
  playhead: number | null;
  loop: { start: number; end: number } | null;
  faintTracks: ReadonlySet<string>;
  box: { x0: number; y0: number; x1: number; y1: number } | null;
  insertTick: number | null;
}

/** The colour of a track by its place in the song. */
export function trackColor(song: Song, track: Track): string {
  if (track.role === "melody") return MELODY_COLOR;
  const index = song.tracks.filter((t) => t.role !== "melody").indexOf(track);
  return voiceColor(index);
}

const noteName = ["C", "C♯", "D", "D♯", "E", "F", "F♯", "G", "G♯", "A", "A♯", "B"];

/** Paints everything; <paramref name="ctx" /> is scaled for the device pixel ratio already. */
export function drawRoll(ctx: CanvasRenderingContext2D, v: RollView, song: Song, o: Overlay): void {
  ctx.clearRect(0, 0, v.width, v.height);
  const rows = visibleRows(v) + 1;
  // Rows: black keys darker, C rows marked.
  for (let r = 0; r < rows; r++) {
    const pitch = v.topPitch - r;
    if (pitch < 0) break;
    const y = yOf(v, pitch);
    ctx.fillStyle = isBlack(pitch) ? "#14161b" : "#1b1e25";
    ctx.fillRect(v.keysWidth, y, v.width - v.keysWidth, v.rowHeight);
    if (pitch % 12 === 0) {
      ctx.fillStyle = "#2a2e38";
      ctx.fillRect(v.keysWidth, y + v.rowHeight - 1, v.width - v.keysWidth, 1);
    }
  }
  // Vertical lines: grid steps (when not too dense), beats, bars.
  const bar = ticksPerBar(song);
  const beat = (song.ppq * 4) / song.beatUnit;
  const first = Math.max(0, tickAt(v, v.keysWidth));
  const last = tickAt(v, v.width);
  const step = o.grid * v.pxPerTick >= 6 ? o.grid : beat * v.pxPerTick >= 6 ? beat : bar;
  for (let t = Math.floor(first / step) * step; t <= last; t += step) {
    const x = Math.round(xOf(v, t)) + 0.5;
    ctx.fillStyle = t % bar === 0 ? "#3d4350" : t % beat === 0 ? "#2a2e37" : "#22252d";
    ctx.fillRect(x, v.rulerHeight, 1, v.height - v.rulerHeight);
  }
  // Loop region, shaded.
  if (o.loop) {
    ctx.fillStyle = "#e0a52614";
    ctx.fillRect(xOf(v, o.loop.start), v.rulerHeight, (o.loop.end - o.loop.start) * v.pxPerTick, v.height);
  }
  // Notes: other tracks first and dimmer, the active track on top.
  const ordered = [...song.tracks].sort((a, b) => Number(a.id === o.activeTrack) - Number(b.id === o.activeTrack));
  for (const track of ordered) {
    const color = trackColor(song, track);
    const active = o.activeTrack === undefined || track.id === o.activeTrack;
    const faint = o.faintTracks.has(track.id);
    for (const n of track.notes) {
      const x0 = xOf(v, n.start);
      const x1 = xOf(v, n.start + n.duration);
      if (x1 < v.keysWidth || x0 > v.width) continue;
      const y = yOf(v, n.pitch);
      if (y + v.rowHeight < v.rulerHeight || y > v.height) continue;
      const selected = active && o.selection.has(n.id);
      ctx.globalAlpha = faint ? 0.18 : active ? 0.55 + (0.45 * n.velocity) / 127 : 0.45;
      ctx.fillStyle = selected ? "#ffffff" : color;
      const w = Math.max(2, x1 - x0 - 1);
      ctx.fillRect(Math.max(x0, v.keysWidth), y + 1, w - Math.max(0, v.keysWidth - x0), v.rowHeight - 2);
      if (track.role === "melody" && !selected) {
        ctx.globalAlpha = faint ? 0.3 : 1;
        ctx.strokeStyle = "#fff3c4";
        ctx.lineWidth = 1;
        ctx.strokeRect(Math.max(x0, v.keysWidth) + 0.5, y + 1.5, w - 1 - Math.max(0, v.keysWidth - x0), v.rowHeight - 3);
      }
      if (selected) {
        ctx.globalAlpha = 1;
        ctx.strokeStyle = color;
        ctx.lineWidth = 2;
        ctx.strokeRect(Math.max(x0, v.keysWidth) + 1, y + 2, w - 2, v.rowHeight - 4);
      }
    }
  }
  ctx.globalAlpha = 1;
  // Step-input cursor.
  if (o.insertTick !== null) {
    const x = xOf(v, o.insertTick);
    ctx.fillStyle = "#6cb6ff";
    ctx.fillRect(x - 1, v.rulerHeight, 2, v.height);
  }
  // Box selection.
  if (o.box) {
    ctx.strokeStyle = "#6cb6ff";
    ctx.fillStyle = "#6cb6ff22";
    const x = Math.min(o.box.x0, o.box.x1);
    const y = Math.min(o.box.y0, o.box.y1);
    ctx.fillRect(x, y, Math.abs(o.box.x1 - o.box.x0), Math.abs(o.box.y1 - o.box.y0));
    ctx.strokeRect(x + 0.5, y + 0.5, Math.abs(o.box.x1 - o.box.x0), Math.abs(o.box.y1 - o.box.y0));
  }
  drawKeys(ctx, v, rows);
  drawRuler(ctx, v, bar, beat, o.loop);
  if (o.playhead !== null) {
    const x = xOf(v, o.playhead);
    if (x >= v.keysWidth && x <= v.width) {
      ctx.fillStyle = "#ff5c5c";
      ctx.fillRect(Math.round(x), 0, 2, v.height);
    }
  }
}

function drawKeys(ctx: CanvasRenderingContext2D, v: RollView, rows: number): void {
  ctx.fillStyle = "#0f1114";
  ctx.fillRect(0, v.rulerHeight, v.keysWidth, v.height);
  ctx.font = `${Math.min(11, v.rowHeight)}px system-ui, sans-serif`;
  ctx.textBaseline = "middle";
  for (let r = 0; r < rows; r++) {
    const pitch = v.topPitch - r;
    if (pitch < 0) break;
    const y = yOf(v, pitch);
    const black = isBlack(pitch);
    ctx.fillStyle = black ? "#23262d" : "#d9dce3";
    ctx.fillRect(0, y, black ? v.keysWidth * 0.62 : v.keysWidth - 1, v.rowHeight - (black ? 0 : 1));
    if (pitch % 12 === 0 && v.rowHeight >= 7) {
      ctx.fillStyle = "#333";
      ctx.fillText(`${noteName[0]}${pitch / 12 - 1}`, v.keysWidth - 24, y + v.rowHeight / 2);
    }
  }
}

function drawRuler(ctx: CanvasRenderingContext2D, v: RollView, bar: number, beat: number, loop: Overlay["loop"]): void {
  ctx.fillStyle = "#101216";
  ctx.fillRect(0, 0, v.width, v.rulerHeight);
  if (loop) {
    ctx.fillStyle = "#e0a52655";
    ctx.fillRect(xOf(v, loop.start), 0, (loop.end - loop.start) * v.pxPerTick, v.rulerHeight);
  }
  ctx.font = "11px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  const first = Math.max(0, tickAt(v, v.keysWidth));
  const last = tickAt(v, v.width);
  const barPx = bar * v.pxPerTick;
  const every = barPx >= 40 ? 1 : barPx >= 12 ? 4 : 16;
  for (let t = Math.floor(first / bar) * bar; t <= last; t += bar) {
    const n = Math.round(t / bar);
    const x = Math.round(xOf(v, t)) + 0.5;
    if (x < v.keysWidth) continue;
    ctx.fillStyle = "#4a5060";
    ctx.fillRect(x, n % every === 0 ? 4 : 12, 1, v.rulerHeight);
    if (n % every === 0) {
      ctx.fillStyle = "#aab0bd";
      ctx.fillText(String(n + 1), x + 3, v.rulerHeight / 2);
    }
  }
  if (beat * v.pxPerTick >= 10) {
    ctx.fillStyle = "#353a45";
    for (let t = Math.floor(first / beat) * beat; t <= last; t += beat) if (t % bar !== 0) ctx.fillRect(Math.round(xOf(v, t)), 15, 1, 5);
  }
  ctx.fillStyle = "#101216";
  ctx.fillRect(0, 0, v.keysWidth, v.rulerHeight);
}
