/** A training run's curves for a model's page: losses and the similarity index per iteration. */
import { figure, type Figure } from "./evaluation";

/** The rows the curves read (JobLoss and JobMetricDto on the wire). */
export interface LossRow {
  iteration: number;
  critic?: unknown;
  generator?: unknown;
  wasserstein?: unknown;
}
export interface MetricRow {
  iteration: number;
  similarityIndex?: unknown;
}

/** Series on one x axis (iterations ascending). */
export interface Curves {
  x: number[];
  lines: Figure[][];
}

function byIteration<T extends { iteration: number }>(rows: readonly T[]): T[] {
  const last = new Map<number, T>();
  for (const r of rows) last.set(r.iteration, r);
  return [...last.values()].sort((a, b) => a.iteration - b.iteration);
}

/** Critic loss, generator loss and the Wasserstein estimate per iteration (a repeated iteration keeps its last row). */
export function lossCurves(rows: readonly LossRow[]): Curves {
  const sorted = byIteration(rows);
  return {
    x: sorted.map((r) => r.iteration),
    lines: [sorted.map((r) => figure(r.critic)), sorted.map((r) => figure(r.generator)), sorted.map((r) => figure(r.wasserstein))],
  };
}

/** The similarity index per evaluation during training. */
export function similarityCurve(rows: readonly MetricRow[]): Curves {
  const sorted = byIteration(rows);
  return { x: sorted.map((r) => r.iteration), lines: [sorted.map((r) => figure(r.similarityIndex))] };
}
