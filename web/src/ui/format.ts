/** How numbers, sizes, times and dates are written in the console. */

/** "3 min 20 s", "1 h 5 min", "45 s". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds - m * 60)} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m - h * 60} min`;
}

/** "1.2 MB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A date and time in the reader's locale, or "–". */
export function when(iso: string | null | undefined): string {
  if (!iso) return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "–" : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A metric to 3 significant figures, or "–". */
export function metric(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : Number(x.toPrecision(3)).toString();
}
