/**
 * Reading evaluations: the headline figures a model.json records (snake_case keys such as
 * "consonance_rate.alto"), the whole report an evaluation keeps (camelCase, metrics per set and
 * voice), and the comparison of two reports against the training data's reference (Bach).
 * Plain functions, no DOM.
 */
import { metric } from "../../ui/format";

/** A figure: a finite number, or null where it is undefined or missing. */
export type Figure = number | null;

/** The headline figures of one accompanying voice against the melody, with Bach's for the same melodies. */
export interface VoiceFigures {
  voice: string;
  consonance: Figure;
  consonanceBach: Figure;
  parallels: Figure;
  parallelsBach: Figure;
}

/** What a model's evaluation says in brief. */
export interface Headline {
  /** Similarity index of the generated voices to Bach's (1: indistinguishable). */
  similarity: Figure;
  /** The naive baseline's similarity index (the melody copied down). */
  baseline: Figure;
  /** Bach's train split against the evaluated split: the ceiling. */
  ceiling: Figure;
  voices: VoiceFigures[];
}

/** The whole report of an evaluation, as far as the console uses it. */
export interface Report {
  model: string;
  dataset: string;
  split: string;
  windows: number | null;
  raw: boolean;
  threshold: Figure;
  keyPenalty: Figure;
  trackNames: string[];
  similarityIndex: Figure;
  baselineSimilarityIndex: Figure;
  bachTrainSimilarityIndex: Figure;
  /** Metric → set ("generated", "bach", "baseline") → value per track, melody first. */
  metrics: Record<string, Record<string, Figure[]>>;
  seconds: Figure;
}

/** A finite number, or null (the server writes undefined metrics as null and non-finite ones as strings). */
export function figure(x: unknown): Figure {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

const CONSONANCE = "consonance_rate";
const PARALLELS = "parallel_fifths_octaves_rate";

/** Words for the metric names (docs/metrics.md). */
export const METRIC_LABELS: Readonly<Record<string, string>> = {
  similarity_index: "Similarity index",
  empty_bar_rate: "Empty bars",
  pitches_used: "Pitches per bar",
  pitch_classes_used: "Pitch classes per bar",
  polyphonic_rate: "Polyphonic steps",
  in_scale_rate: "In C major",
  scale_consistency: "Scale consistency",
  qualified_note_rate: "Notes of 2+ steps",
  polyphony: "Polyphony",
  pitch_class_entropy: "Pitch-class entropy",
  tonal_distance: "Tonal distance to the melody",
  consonance_rate: "Consonance with the melody",
  parallel_fifths_octaves_rate: "Parallel fifths and octaves",
};

/** What each metric measures, for tooltips and screen readers. */
export const METRIC_HELP: Readonly<Record<string, string>> = {
  similarity_index: "How alike the profiles of the generated voices and Bach's are, 0 to 1 (1: indistinguishable).",
  empty_bar_rate: "Bars with no note, as a share of bars.",
  pitches_used: "Distinct pitches per bar.",
  pitch_classes_used: "Distinct pitch classes per bar.",
  polyphonic_rate: "Steps with more than two pitches sounding, as a share of steps.",
  in_scale_rate: "Notes in C major, as a share of notes.",
  scale_consistency: "The largest share of notes in any one major scale.",
  qualified_note_rate: "Notes of two or more sixteenths, as a share of notes.",
  polyphony: "Pitches sounding at once, on average where any sounds.",
  pitch_class_entropy: "How evenly the twelve pitch classes are used, in bits.",
  tonal_distance: "Harmonic distance of the voice to the melody, beat by beat.",
  consonance_rate: "Steps where the voice is consonant with the melody, as a share of steps where both sound.",
  parallel_fifths_octaves_rate: "Parallel fifths and octaves with the melody, as a share of moves where both voices move.",
};

/** The label of a metric name ("consonance_rate" → "Consonance with the melody"). */
export function metricLabel(name: string): string {
  return METRIC_LABELS[name] ?? name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

function pick(map: Readonly<Record<string, unknown>>, ...keys: string[]): Figure {
  for (const k of keys) {
    const v = figure(map[k]);
    if (v !== null) return v;
  }
  return null;
}

/**
 * The headline of a model.json's evaluation block (or of an evaluation view's headline: both
 * spellings of the similarity keys are read). Voices come in <paramref name="voiceOrder" />'s order
 * when given, then in the order the keys appear. Null when there is nothing to show.
 */
export function headlineOf(evaluation: Readonly<Record<string, unknown>> | null | undefined, voiceOrder: readonly string[] = []): Headline | null {
  if (!evaluation) return null;
  const voices: string[] = [];
  const voiceKey = new RegExp(`^(?:${CONSONANCE}|${PARALLELS})\\.([^.]+)$`);
  for (const key of Object.keys(evaluation)) {
    const m = voiceKey.exec(key);
    if (m && !voices.includes(m[1]!)) voices.push(m[1]!);
  }
  const ordered = [...voiceOrder.filter((v) => voices.includes(v)), ...voices.filter((v) => !voiceOrder.includes(v))];
  const h: Headline = {
    similarity: pick(evaluation, "similarity_index", "similarityIndex"),
    baseline: pick(evaluation, "baseline_similarity_index", "baselineSimilarityIndex"),
    ceiling: pick(evaluation, "bach_train_similarity_index", "bachTrainSimilarityIndex"),
    voices: ordered.map((voice) => ({
      voice,
      consonance: figure(evaluation[`${CONSONANCE}.${voice}`]),
      consonanceBach: figure(evaluation[`${CONSONANCE}.${voice}.bach`]),
      parallels: figure(evaluation[`${PARALLELS}.${voice}`]),
      parallelsBach: figure(evaluation[`${PARALLELS}.${voice}.bach`]),
    })),
  };
  return h.similarity === null && h.baseline === null && h.ceiling === null && h.voices.length === 0 ? null : h;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** An evaluation's report read defensively (null when it is not a report). */
export function parseReport(x: unknown): Report | null {
  if (!isRecord(x)) return null;
  const trackNames = Array.isArray(x.trackNames) ? x.trackNames.map((t) => String(t)) : [];
  const metrics: Record<string, Record<string, Figure[]>> = {};
  if (isRecord(x.metrics)) {
    for (const [name, sets] of Object.entries(x.metrics)) {
      if (!isRecord(sets)) continue;
      const row: Record<string, Figure[]> = {};
      for (const [set, values] of Object.entries(sets)) if (Array.isArray(values)) row[set] = values.map(figure);
      metrics[name] = row;
    }
  }
  if (trackNames.length === 0 && Object.keys(metrics).length === 0 && figure(x.similarityIndex) === null) return null;
  return {
    model: typeof x.model === "string" ? x.model : "",
    dataset: typeof x.dataset === "string" ? x.dataset : "",
    split: typeof x.split === "string" ? x.split : "",
    windows: figure(x.windows),
    raw: x.raw === true,
    threshold: figure(x.threshold),
    keyPenalty: figure(x.keyPenalty),
    trackNames,
    similarityIndex: figure(x.similarityIndex),
    baselineSimilarityIndex: figure(x.baselineSimilarityIndex),
    bachTrainSimilarityIndex: figure(x.bachTrainSimilarityIndex),
    metrics,
    seconds: figure(x.seconds),
  };
}

/** The value of <paramref name="metricName" /> for <paramref name="set" /> at track <paramref name="track" />, or null. */
export function valueOf(report: Report, metricName: string, set: string, track: number): Figure {
  return report.metrics[metricName]?.[set]?.[track] ?? null;
}

/** The headline of a whole report (the same figures a model.json records). */
export function headlineOfReport(report: Report): Headline {
  return {
    similarity: report.similarityIndex,
    baseline: report.baselineSimilarityIndex,
    ceiling: report.bachTrainSimilarityIndex,
    voices: report.trackNames.slice(1).map((voice, i) => ({
      voice,
      consonance: valueOf(report, CONSONANCE, "generated", i + 1),
      consonanceBach: valueOf(report, CONSONANCE, "bach", i + 1),
      parallels: valueOf(report, PARALLELS, "generated", i + 1),
      parallelsBach: valueOf(report, PARALLELS, "bach", i + 1),
    })),
  };
}

/** The headline in one line: "similarity 0.916 (Bach's ceiling 0.96, baseline 0.746)". */
export function headlineSentence(h: Headline | null): string {
  if (!h) return "Not evaluated yet.";
  const parts: string[] = [];
  if (h.similarity !== null) {
    const around: string[] = [];
    if (h.ceiling !== null) around.push(`Bach's ceiling ${metric(h.ceiling)}`);
    if (h.baseline !== null) around.push(`baseline ${metric(h.baseline)}`);
    parts.push(`Similarity to Bach ${metric(h.similarity)}${around.length ? ` (${around.join(", ")})` : ""}`);
  }
  const consonant = h.voices.filter((v) => v.consonance !== null);
  if (consonant.length > 0)
    parts.push(`consonance ${consonant.map((v) => `${v.voice} ${metric(v.consonance)}${v.consonanceBach !== null ? ` (Bach ${metric(v.consonanceBach)})` : ""}`).join(", ")}`);
  return parts.length ? `${parts.join("; ")}.` : "Evaluated, but the figures are undefined.";
}

/** Which of two values is closer to its reference: "a", "b", "tie", or null when it cannot be said. */
export function closer(a: Figure, refA: Figure, b: Figure, refB: Figure = refA): "a" | "b" | "tie" | null {
  if (a === null || b === null || refA === null || refB === null) return null;
  const da = Math.abs(a - refA);
  const db = Math.abs(b - refB);
  if (Math.abs(da - db) <= 1e-9 * Math.max(1, Math.abs(refA), Math.abs(refB))) return "tie";
  return da < db ? "a" : "b";
}

/** One row of a side-by-side comparison. */
export interface CompareRow {
  /** The metric's name ("similarity_index" for the index). */
  metric: string;
  /** The voice, or null for a figure over all voices. */
  voice: string | null;
  a: Figure;
  b: Figure;
  /** Bach's value in A's report, and in B's (the same when both were evaluated on the same windows). */
  refA: Figure;
  refB: Figure;
  closer: "a" | "b" | "tie" | null;
}

/** Voice names of both reports (the melody, track 0, left out: it is the same input for both), A's order first. */
export function voicesOf(a: Report, b: Report): string[] {
  const names = a.trackNames.slice(1);
  for (const n of b.trackNames.slice(1)) if (!names.includes(n)) names.push(n);
  return names;
}

/**
 * Every metric per accompanying voice of two reports side by side, with Bach's reference and which
 * is closer to it; the similarity index first (its reference: Bach's train split, the ceiling).
 */
export function compareReports(a: Report, b: Report): CompareRow[] {
  const rows: CompareRow[] = [
    {
      metric: "similarity_index",
      voice: null,
      a: a.similarityIndex,
      b: b.similarityIndex,
      refA: a.bachTrainSimilarityIndex,
      refB: b.bachTrainSimilarityIndex,
      closer: closer(a.similarityIndex, a.bachTrainSimilarityIndex, b.similarityIndex, b.bachTrainSimilarityIndex),
    },
  ];
  const metrics = Object.keys(a.metrics);
  for (const m of Object.keys(b.metrics)) if (!metrics.includes(m)) metrics.push(m);
  const voices = voicesOf(a, b);
  for (const m of metrics) {
    for (const voice of voices) {
      const ia = a.trackNames.indexOf(voice);
      const ib = b.trackNames.indexOf(voice);
      const va = ia > 0 ? valueOf(a, m, "generated", ia) : null;
      const vb = ib > 0 ? valueOf(b, m, "generated", ib) : null;
      const refA = ia > 0 ? valueOf(a, m, "bach", ia) : null;
      const refB = ib > 0 ? valueOf(b, m, "bach", ib) : null;
      if (va === null && vb === null && refA === null && refB === null) continue;
      rows.push({ metric: m, voice, a: va, b: vb, refA, refB, closer: closer(va, refA ?? refB, vb, refB ?? refA) });
    }
  }
  return rows;
}

/** How many rows each side is closer on. */
export function tally(rows: readonly CompareRow[]): { a: number; b: number; tie: number; total: number } {
  const t = { a: 0, b: 0, tie: 0, total: 0 };
  for (const r of rows) {
    if (r.closer === null) continue;
    t[r.closer]++;
    t.total++;
  }
  return t;
}

/** The fields of an evaluation the pair picking needs. */
export interface EvaluationKey {
  id: string;
  dataset: string;
  split: string;
}

/**
 * Which two evaluations to compare (lists newest first): A's latest, and B's latest on the same
 * dataset and split when B has one, else B's latest. Ids, or null for a side with none.
 */
export function pickPair(a: readonly EvaluationKey[], b: readonly EvaluationKey[]): [string | null, string | null] {
  const first = a[0];
  if (!first) return [null, b[0]?.id ?? null];
  const same = b.find((e) => e.dataset === first.dataset && e.split === first.split);
  if (same) return [first.id, same.id];
  // B's latest, and A's latest on B's dataset and split when there is one.
  const other = b[0];
  if (!other) return [first.id, null];
  const forA = a.find((e) => e.dataset === other.dataset && e.split === other.split);
  return [forA?.id ?? first.id, other.id];
}
