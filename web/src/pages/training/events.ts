/**
 * The server-sent events of /api/training-jobs/{id}/events (TrainingJobsApi.Events): `job` (the
 * job as GET returns it), `losses` (new rows), `metrics` (new rows), `sample` (one checkpoint's
 * samples) and `deleted` ({id}). Each payload is JSON; anything that does not read is ignored.
 */
import type { TrainingJobView } from "../../api/types";
import { toLoss, toMetric, toRows, toSample, type LossRow, type MetricRow, type SampleRow } from "./series";

/** The event names the stream sends. */
export const EVENT_NAMES = ["job", "losses", "metrics", "sample", "deleted"] as const;

/** One event, read. */
export type RunEvent =
  | { kind: "job"; job: TrainingJobView }
  | { kind: "losses"; rows: LossRow[] }
  | { kind: "metrics"; rows: MetricRow[] }
  | { kind: "sample"; sample: SampleRow }
  | { kind: "deleted"; id: string };

/** Reads one event's payload (<paramref name="data" /> is the `data:` text); null when it does not read. */
export function parseRunEvent(name: string, data: string): RunEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  switch (name) {
    case "job":
      return isJob(value) ? { kind: "job", job: value } : null;
    case "losses":
      return Array.isArray(value) ? { kind: "losses", rows: toRows(value, toLoss) } : null;
    case "metrics":
      return Array.isArray(value) ? { kind: "metrics", rows: toRows(value, toMetric) } : null;
    case "sample": {
      const sample = toSample(value);
      return sample ? { kind: "sample", sample } : null;
    }
    case "deleted":
      return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string"
        ? { kind: "deleted", id: (value as { id: string }).id }
        : null;
    default:
      return null;
  }
}

/** Enough of a TrainingJobView to show (id, state, progress, training and architecture blocks). */
export function isJob(v: unknown): v is TrainingJobView {
  if (typeof v !== "object" || v === null) return false;
  const j = v as Record<string, unknown>;
  const progress = j["progress"] as Record<string, unknown> | null | undefined;
  return (
    typeof j["id"] === "string" &&
    typeof j["state"] === "string" &&
    typeof progress === "object" &&
    progress !== null &&
    typeof progress["iteration"] === "number" &&
    typeof progress["iterations"] === "number" &&
    typeof j["training"] === "object" &&
    j["training"] !== null &&
    typeof j["architecture"] === "object" &&
    j["architecture"] !== null
  );
}
