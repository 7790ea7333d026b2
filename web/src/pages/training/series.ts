/**
 * A run's time series as the console keeps them: losses, metrics and samples read leniently from
 * the wire (the server writes non-finite doubles as "NaN"/"Infinity" strings; a chart wants null
 * there), merged by iteration as they stream in, and turned into chart columns.
 */

/** The losses of one iteration. */
export interface LossRow {
  iteration: number;
  critic: number | null;
  generator: number | null;
  gradientPenalty: number | null;
  wasserstein: number | null;
  /** Seconds this iteration took (its critic and generator steps). */
  seconds: number | null;
}

/** One measurement of the music: the similarity index and, per metric, the mean per voice (melody first) of the samples and of the training data. */
export interface MetricRow {
  iteration: number;
  similarityIndex: number | null;
  generated: Record<string, (number | null)[]>;
  /** The training data's values, per metric and voice; empty when the server did not send them. */
  reference: Record<string, (number | null)[]>;
}

/** The samples drawn at one checkpoint, with links to their MIDI and picture. */
export interface SampleRow {
  iteration: number;
  midi: string;
  png: string | null;
}

/** A wire number (or "NaN"/"Infinity" string, null, missing) as a finite number or null. */
export function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function iterationOf(v: Record<string, unknown>): number | null {
  const it = v["iteration"];
  return typeof it === "number" && Number.isInteger(it) && it >= 0 ? it : null;
}

/** A loss row, or null when the value is not one. */
export function toLoss(v: unknown): LossRow | null {
  if (!isRecord(v)) return null;
  const iteration = iterationOf(v);
  if (iteration === null) return null;
  return {
    iteration,
    critic: num(v["critic"]),
    generator: num(v["generator"]),
    gradientPenalty: num(v["gradientPenalty"]),
    wasserstein: num(v["wasserstein"]),
    seconds: num(v["seconds"]),
  };
}

function perVoice(v: unknown): Record<string, (number | null)[]> {
  const out: Record<string, (number | null)[]> = {};
  if (!isRecord(v)) return out;
  for (const [name, values] of Object.entries(v)) if (Array.isArray(values)) out[name] = values.map(num);
  return out;
}

/** A metric row (JobMetricDto: metrics = {generated, reference}), or null. */
export function toMetric(v: unknown): MetricRow | null {
  if (!isRecord(v)) return null;
  const iteration = iterationOf(v);
  if (iteration === null) return null;
  const metrics = isRecord(v["metrics"]) ? v["metrics"] : {};
  return { iteration, similarityIndex: num(v["similarityIndex"]), generated: perVoice(metrics["generated"]), reference: perVoice(metrics["reference"]) };
}

/** A sample row (JobSampleDto), or null. */
export function toSample(v: unknown): SampleRow | null {
  if (!isRecord(v)) return null;
  const iteration = iterationOf(v);
  const midi = v["midi"];
  if (iteration === null || typeof midi !== "string") return null;
  const png = v["png"];
  return { iteration, midi, png: typeof png === "string" ? png : null };
}

/** The rows of a list answer that read; the others are dropped. */
export function toRows<T>(v: unknown, read: (x: unknown) => T | null): T[] {
  if (!Array.isArray(v)) return [];
  const rows: T[] = [];
  for (const x of v) {
    const row = read(x);
    if (row !== null) rows.push(row);
  }
  return rows;
}

/**
 * Rows by iteration, ascending, one per iteration: <paramref name="incoming" /> replaces a row of
 * the same iteration (a resumed run measures again after its checkpoint). Appending in order is
 * the fast path.
 */
export function mergeByIteration<T extends { iteration: number }>(existing: readonly T[], incoming: readonly T[]): T[] {
  if (incoming.length === 0) return existing as T[];
  const lastOld = existing.length > 0 ? existing[existing.length - 1]!.iteration : -Infinity;
  let sortedNew = true;
  for (let i = 1; i < incoming.length; i++) if (incoming[i]!.iteration <= incoming[i - 1]!.iteration) sortedNew = false;
  if (sortedNew && incoming[0]!.iteration > lastOld) return [...existing, ...incoming];
  const byIteration = new Map<number, T>();
  for (const r of existing) byIteration.set(r.iteration, r);
  for (const r of incoming) byIteration.set(r.iteration, r);
  return [...byIteration.values()].sort((a, b) => a.iteration - b.iteration);
}

/** The last iteration of rows sorted by iteration, or -1 (the API's `after` for "from the start"). */
export function lastIteration(rows: readonly { iteration: number }[]): number {
  return rows.length === 0 ? -1 : rows[rows.length - 1]!.iteration;
}

/** The losses one chart shows. */
export type LossKey = "critic" | "generator" | "gradientPenalty" | "wasserstein";

/** The loss charts: key, title and what the curve means. */
export const LOSSES: readonly { key: LossKey; title: string; help: string }[] = [
  { key: "critic", title: "Critic loss", help: "How well the critic tells the training music from generated music (more negative: it tells them apart more easily)." },
  { key: "generator", title: "Generator loss", help: "How much the critic dislikes the generated music; it falls as the generator fools the critic." },
  { key: "gradientPenalty", title: "Gradient penalty", help: "The penalty that keeps the critic smooth (WGAN-GP); it should stay small." },
  { key: "wasserstein", title: "Wasserstein distance estimate", help: "The critic's estimate of how far generated music is from the training music; it should shrink." },
];

/** Iterations and one loss as chart columns. */
export function lossColumns(rows: readonly LossRow[], key: LossKey): { x: number[]; y: (number | null)[] } {
  return { x: rows.map((r) => r.iteration), y: rows.map((r) => r[key]) };
}

/** The metric names present in the rows, in the order of <paramref name="known" />, then any others alphabetically. */
export function metricNames(rows: readonly MetricRow[], known: readonly string[]): string[] {
  const present = new Set<string>();
  for (const r of rows) for (const name of Object.keys(r.generated)) present.add(name);
  const ordered = known.filter((n) => present.has(n));
  const rest = [...present].filter((n) => !known.includes(n)).sort();
  return [...ordered, ...rest];
}

/** One voice's generated values of a metric over the rows, and the training data's (null where not sent). */
export function metricColumns(rows: readonly MetricRow[], metric: string, voice: number): { x: number[]; generated: (number | null)[]; reference: (number | null)[] } {
  return {
    x: rows.map((r) => r.iteration),
    generated: rows.map((r) => r.generated[metric]?.[voice] ?? null),
    reference: rows.map((r) => r.reference[metric]?.[voice] ?? null),
  };
}

/** True when some value is a finite number. */
export function hasValues(values: readonly (number | null)[]): boolean {
  return values.some((v) => v !== null && Number.isFinite(v));
}

/** The number of voices the rows carry for a metric (the longest list). */
export function voiceCount(rows: readonly MetricRow[]): number {
  let n = 0;
  for (const r of rows) for (const v of Object.values(r.generated)) n = Math.max(n, v.length);
  return n;
}

/** Iterations and the similarity index as chart columns. */
export function similarityColumns(rows: readonly MetricRow[]): { x: number[]; y: (number | null)[] } {
  return { x: rows.map((r) => r.iteration), y: rows.map((r) => r.similarityIndex) };
}

/** True when two series of reference values are the same (within rounding): one dashed line is enough. */
export function sameValues(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  const fa = a.filter((v): v is number => v !== null);
  const fb = b.filter((v): v is number => v !== null);
  if (fa.length === 0 || fb.length === 0) return fa.length === fb.length;
  const ma = fa.reduce((s, v) => s + v, 0) / fa.length;
  const mb = fb.reduce((s, v) => s + v, 0) / fb.length;
  return Math.abs(ma - mb) <= 1e-9 * Math.max(1, Math.abs(ma));
}
