/** Shaping series for charts: two runs onto one x axis, fewer points for long runs, the latest value. */

/** One run's x values (iterations, ascending) and its y series, each as long as x (null: no value). */
export interface XYSeries {
  readonly x: readonly number[];
  readonly ys: readonly (readonly (number | null)[])[];
}

/** Aligned series: the union of the x values, ascending, and every input series on it (null where a run has no point). */
export interface AlignedSeries {
  x: number[];
  ys: (number | null)[][];
}

/**
 * Puts several runs' series onto one x axis: the sorted union of their x values; each run's
 * series, in order, become rows of {@link AlignedSeries.ys} with null where that run has no point.
 */
export function alignSeries(parts: readonly XYSeries[]): AlignedSeries {
  const all = new Set<number>();
  for (const p of parts) for (const x of p.x) all.add(x);
  const x = [...all].sort((a, b) => a - b);
  const index = new Map<number, number>();
  x.forEach((v, i) => index.set(v, i));
  const ys: (number | null)[][] = [];
  for (const p of parts) {
    for (const series of p.ys) {
      const row = new Array<number | null>(x.length).fill(null);
      p.x.forEach((xv, i) => {
        const at = index.get(xv);
        if (at !== undefined) row[at] = series[i] ?? null;
      });
      ys.push(row);
    }
  }
  return { x, ys };
}

/**
 * At most <paramref name="maxPoints" /> points (every k-th, and always the last), for runs so long
 * that drawing every iteration would be slow. Smooth before thinning, not after.
 */
export function decimate(x: readonly number[], ys: readonly (readonly (number | null)[])[], maxPoints: number): AlignedSeries {
  const n = x.length;
  if (n <= maxPoints || maxPoints < 2) return { x: [...x], ys: ys.map((s) => [...s]) };
  const stride = Math.ceil(n / maxPoints);
  const keep: number[] = [];
  for (let i = 0; i < n; i += stride) keep.push(i);
  if (keep[keep.length - 1] !== n - 1) keep.push(n - 1);
  return { x: keep.map((i) => x[i]!), ys: ys.map((s) => keep.map((i) => s[i] ?? null)) };
}

/** The last finite value of a series and its index, or null. */
export function lastDefined(values: readonly (number | null)[]): { index: number; value: number } | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return { index: i, value: v };
  }
  return null;
}

/** A chart value as people read it: 3 significant figures, small and large numbers in exponent form. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace("e+", "e");
  return Number(v.toPrecision(3)).toString();
}

/** An iteration as an axis shows it: "950", "12,000", "1.5M". */
export function formatIteration(v: number): string {
  if (!Number.isFinite(v)) return "";
  if (Math.abs(v) >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  return Number.isInteger(v) ? v.toLocaleString("en") : formatValue(v);
}

/** The sentence a screen reader gets for a chart: its name and each line's latest value with its iteration. */
export function summarize(label: string, x: readonly number[], lines: readonly { label: string; values: readonly (number | null)[] }[], xLabel = "iteration"): string {
  const parts: string[] = [];
  for (const l of lines) {
    const last = lastDefined(l.values);
    if (last) parts.push(`${l.label} ${formatValue(last.value)} at ${xLabel} ${x[last.index] ?? "?"}`);
  }
  return parts.length === 0 ? `${label}: no points yet.` : `${label}, latest values: ${parts.join("; ")}.`;
}
