/** Words and small facts about training jobs: states, badges, progress, voice and metric names, rough durations. */
import type { TrainingJobView } from "../../api/types";

/** The states a job passes through (TrainingJobView.state). */
export type JobState = "queued" | "preparing" | "training" | "evaluating" | "completed" | "failed" | "canceled";

const FINISHED = new Set(["completed", "failed", "canceled"]);

/** True once a job has ended (completed, failed or canceled): nothing more will change unless it is resumed. */
export function isFinished(state: string): boolean {
  return FINISHED.has(state);
}

/** True while a job may still change (queued or running, or a cancel not yet carried out). */
export function isLive(job: Pick<TrainingJobView, "state" | "cancelRequested">): boolean {
  return !isFinished(job.state) || job.cancelRequested;
}

/** True for a job that can be resumed from its last checkpoint. */
export function canResume(job: Pick<TrainingJobView, "state">): boolean {
  return job.state === "canceled" || job.state === "failed";
}

/** The styles.css badge class of a state (the running states share one look). */
export function badgeClass(state: string): string {
  switch (state) {
    case "queued":
      return "badge queued";
    case "preparing":
    case "training":
    case "evaluating":
      return "badge running";
    case "completed":
      return "badge completed";
    case "failed":
      return "badge failed";
    case "canceled":
      return "badge canceled";
    default:
      return "badge";
  }
}

/** The state in words. */
export function stateLabel(job: Pick<TrainingJobView, "state" | "cancelRequested">): string {
  if (job.cancelRequested) return "Canceling…";
  switch (job.state) {
    case "queued":
      return "Queued";
    case "preparing":
      return "Preparing data";
    case "training":
      return "Training";
    case "evaluating":
      return "Calibrating";
    case "completed":
      return "Completed";
    case "failed":
      return "Failed";
    case "canceled":
      return "Canceled";
    default:
      return job.state;
  }
}

/** Done ÷ planned iterations, 0..1 (undefined while the plan is not known yet: a run given in epochs before its data is loaded). */
export function progressFraction(job: Pick<TrainingJobView, "progress" | "state" | "training">): number | undefined {
  const { iteration, iterations } = job.progress;
  if (job.state === "completed") return 1;
  if (job.training.epochs && (job.state === "queued" || job.state === "preparing") && iteration === 0) return undefined;
  return iterations > 0 ? Math.min(1, Math.max(0, iteration / iterations)) : undefined;
}

/** "120 / 1,000" or "0 / ? (epochs)" while the plan is unknown. */
export function progressText(job: Pick<TrainingJobView, "progress" | "state" | "training">): string {
  const { iteration, iterations } = job.progress;
  if (progressFraction(job) === undefined && job.state !== "completed") return `${iteration.toLocaleString()} / ${job.training.epochs ?? "?"} epochs`;
  return `${iteration.toLocaleString()} / ${iterations.toLocaleString()}`;
}

/** A time estimate in round words: "under a minute", "about 4 min", "about 2 h 10 min". */
export function roughDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 60) return "under a minute";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes - h * 60;
  if (h >= 48) return `about ${Math.round(h / 24)} days`;
  return m === 0 ? `about ${h} h` : `about ${h} h ${m} min`;
}

/** The time left while training, in words, or "–". */
export function etaText(job: Pick<TrainingJobView, "progress" | "state">): string {
  if (job.state === "queued") return "waiting to start";
  if (isFinished(job.state)) return "–";
  const eta = job.progress.etaSeconds;
  return eta === null || eta === undefined ? "–" : roughDuration(eta);
}

/** Seconds between two instants (the second one defaulting to now); null when the first is missing. */
export function secondsBetween(from: string | null | undefined, to: string | null | undefined, now = Date.now()): number | null {
  if (!from) return null;
  const start = Date.parse(from);
  const end = to ? Date.parse(to) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, (end - start) / 1000);
}

/**
 * The names of the voices in the order the metrics list them (the melody first, then the other
 * tracks in order), as the server names them: soprano, alto, tenor and bass for the JSB chorales
 * with 4 tracks, otherwise "melody" and "voice k".
 */
export function voiceNames(job: Pick<TrainingJobView, "training" | "architecture" | "dataset">): string[] {
  const tracks = job.architecture.tracks ?? 4;
  const condition = job.training.conditionTrack ?? 0;
  const jsb = job.dataset.toLowerCase() === "jsb-chorales" && tracks === 4;
  const names = Array.from({ length: tracks }, (_, k) => (jsb ? ["soprano", "alto", "tenor", "bass"][k]! : k === condition ? "melody" : `voice ${k}`));
  const melody = names[condition] ?? "melody";
  return [melody, ...names.filter((_, k) => k !== condition)];
}

/** What each music metric is, in plain words (docs/metrics.md), in the order they are reported. */
export const METRICS: readonly { name: string; label: string; help: string; range?: [number, number] }[] = [
  { name: "empty_bar_rate", label: "Empty bars", help: "Share of bars in which the voice is silent.", range: [0, 1] },
  { name: "pitches_used", label: "Pitches used", help: "Distinct pitches per bar." },
  { name: "pitch_classes_used", label: "Pitch classes used", help: "Distinct note names (C, C♯, …) per bar." },
  { name: "polyphonic_rate", label: "Polyphonic rate", help: "Share of steps where the voice sounds more than two notes at once.", range: [0, 1] },
  { name: "in_scale_rate", label: "In C major", help: "Share of notes in the C major scale.", range: [0, 1] },
  { name: "scale_consistency", label: "Scale consistency", help: "Share of notes in the best-fitting major scale.", range: [0, 1] },
  { name: "qualified_note_rate", label: "Qualified notes", help: "Share of notes at least two steps long (not fragments).", range: [0, 1] },
  { name: "polyphony", label: "Polyphony", help: "Notes sounding at once, when the voice sounds." },
  { name: "pitch_class_entropy", label: "Pitch-class entropy", help: "How evenly the voice uses the 12 note names (bits)." },
  { name: "tonal_distance", label: "Tonal distance to the melody", help: "How far the voice's harmony is from the melody's (lower is closer)." },
  { name: "consonance_rate", label: "Consonance with the melody", help: "Share of steps where the voice and the melody form a consonant interval.", range: [0, 1] },
  { name: "parallel_fifths_octaves_rate", label: "Parallel fifths and octaves", help: "Share of moves in parallel fifths or octaves with the melody (Bach: almost none).", range: [0, 1] },
];

/** The metric's description, also for names this console does not know yet. */
export function metricInfo(name: string): { name: string; label: string; help: string; range?: [number, number] } {
  return METRICS.find((m) => m.name === name) ?? { name, label: name.replace(/_/g, " "), help: "" };
}
