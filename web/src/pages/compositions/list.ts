/** Plain helpers of the compositions page: search, sort, share links and file names. */
import type { CompositionDto } from "../../api/types";

/** The fields search and sort read. */
export type Listed = Pick<CompositionDto, "id" | "melodyName" | "model" | "steps" | "createdAt">;

/** The orders the list can take. */
export type SortKey = "newest" | "oldest" | "name" | "length";

/** Words for each order. */
export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  newest: "Newest first",
  oldest: "Oldest first",
  name: "Melody name (A–Z)",
  length: "Longest first",
};

/** The compositions whose melody name or model contain every word of <paramref name="text" /> (case-insensitive). */
export function searchCompositions<T extends Listed>(items: readonly T[], text: string): T[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((c) => {
    const hay = `${c.melodyName} ${c.model}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** A sorted copy; ties keep the newest first (then the id, so the order is stable). */
export function sortCompositions<T extends Listed>(items: readonly T[], key: SortKey): T[] {
  const newest = (x: T, y: T) => time(y.createdAt) - time(x.createdAt) || x.id.localeCompare(y.id);
  const compare: (x: T, y: T) => number =
    key === "oldest"
      ? (x, y) => time(x.createdAt) - time(y.createdAt) || x.id.localeCompare(y.id)
      : key === "name"
        ? (x, y) => x.melodyName.localeCompare(y.melodyName, undefined, { sensitivity: "base", numeric: true }) || newest(x, y)
        : key === "length"
          ? (x, y) => y.steps - x.steps || newest(x, y)
          : newest;
  return [...items].sort(compare);
}

/** The token of a share link ("/api/shared/abc" → "abc"), or null. */
export function shareTokenOf(link: string | null | undefined): string | null {
  if (!link) return null;
  const token = link.split("/").filter(Boolean).pop();
  return token ? decodeURIComponent(token) : null;
}

/** The console's page of a shared composition, as a full address to give to others. */
export function sharePageUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, "")}/shared/${encodeURIComponent(token)}`;
}

/** A file name for a composition's download: "ode-to-joy bach-chorales seed 7.mid". */
export function downloadName(c: Pick<CompositionDto, "melodyName" | "model" | "seed">, ext: "mid" | "wav"): string {
  const melody = c.melodyName.replace(/\.(mid|midi)$/i, "").replace(/[\\/:*?"<>|]+/g, "-").trim() || "composition";
  return `${melody} ${c.model} seed ${c.seed}.${ext}`;
}

/** The length in bars and seconds, e.g. "8 bars, 0:16" (steps are sixteenths). */
export function lengthText(c: Pick<CompositionDto, "bars" | "steps" | "tempoBpm">): string {
  const seconds = c.tempoBpm > 0 ? (c.steps / 4) * (60 / c.tempoBpm) : NaN;
  const bars = `${c.bars} ${c.bars === 1 ? "bar" : "bars"}`;
  if (!Number.isFinite(seconds)) return bars;
  const s = Math.round(seconds);
  return `${bars}, ${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The list with one composition replaced (by id). */
export function replaceById<T extends { id: string }>(items: readonly T[], next: T): T[] {
  return items.map((c) => (c.id === next.id ? next : c));
}

/** Appends a page to the list, leaving out ids already there (a composition made meanwhile shifts the pages). */
export function appendPage<T extends { id: string }>(items: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(items.map((c) => c.id));
  return [...items, ...page.filter((c) => !seen.has(c.id))];
}
