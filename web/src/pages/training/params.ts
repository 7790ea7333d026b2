/**
 * The hyperparameters of a training job as the form shows them: grouped, each with the lab's
 * default, its allowed range and a sentence in plain words; checked in the browser with the
 * server's own rules and messages (TrainingOptions.Validate, GanArchitecture.Validate,
 * TrainingJobRequest.Resolve), and turned into a TrainingJobRequest.
 *
 * The form keeps every value as the text typed. An empty field is left out of the request, so the
 * server fills it in: the lab's default, or the base model's recipe when one is chosen.
 */
import type { ModelSummary, TrainingJobRequest, TrainingOptions } from "../../api/types";

/** A request field the form edits (model.json's training and architecture names). */
export type FieldKey =
  | "iterations"
  | "epochs"
  | "generatorLearningRate"
  | "criticLearningRate"
  | "beta1"
  | "beta2"
  | "criticSteps"
  | "gradientPenaltyWeight"
  | "batchSize"
  | "split"
  | "hop"
  | "transposition"
  | "conditionTrack"
  | "filters"
  | "criticFilters"
  | "latentChannels"
  | "conditionOctaves"
  | "tracks"
  | "steps"
  | "lowestPitch"
  | "pitches"
  | "seed"
  | "checkpointEvery"
  | "keepCheckpoints"
  | "metricsEvery"
  | "evaluationSamples"
  | "previewSamples";

/** The form's text per field ("" = not given). */
export type Values = Record<FieldKey, string>;

/** How the run's length is given. */
export type LengthMode = "iterations" | "epochs";

/** The groups of the form, in order. */
export type GroupId = "length" | "optimiser" | "data" | "network" | "roll" | "reproducibility" | "checkpoints";

/** A group's title and what it is about. */
export const GROUPS: readonly { id: GroupId; title: string; help: string; advanced?: boolean }[] = [
  { id: "length", title: "Length", help: "How long to train: a number of generator updates, or passes over the data." },
  { id: "optimiser", title: "Optimiser", help: "How the two networks learn from their mistakes (Adam, WGAN-GP)." },
  { id: "data", title: "Data", help: "What the networks learn from and how much at a time." },
  { id: "network", title: "Network size", help: "How large the generator and the critic are." },
  { id: "roll", title: "Roll shape", help: "The piano-roll window the networks read and write. Models of another shape cannot use the same melodies the same way; change with care.", advanced: true },
  { id: "reproducibility", title: "Reproducibility", help: "Runs with the same seed and settings give the same model." },
  { id: "checkpoints", title: "Checkpoints and samples", help: "How often the run saves itself, measures its music and draws samples for you." },
];

/** One field: where it goes, what it means, its default and range. */
export interface FieldDef {
  key: FieldKey;
  group: GroupId;
  label: string;
  /** One line in plain words. */
  help: string;
  kind: "int" | "number" | "split" | "transposition";
  /** The lab's default as text ("" where the server's default is "not set"). */
  defaultValue: string;
  /** What an empty field means, when that is not simply the default. */
  emptyMeans?: string;
  /** Input bounds (min/max attributes) and step. */
  min?: number;
  max?: number;
  step?: number | "any";
  /** The allowed range in words. */
  range: string;
  /** Part of the architecture block (else the training block). */
  architecture?: boolean;
}

/** The largest seed the browser can send exactly (JSON numbers are doubles). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Every field, in the order the form shows them. */
export const FIELDS: readonly FieldDef[] = [
  { key: "iterations", group: "length", label: "Iterations", kind: "int", defaultValue: "1000", min: 1, max: 10_000_000, step: 1, range: "1 to 10,000,000",
    help: "Generator updates to run. More iterations learn more and take longer." },
  { key: "epochs", group: "length", label: "Epochs", kind: "number", defaultValue: "", min: 0, max: 1_000_000, step: "any", range: "above 0, at most 1,000,000",
    help: "Passes over the training data instead; one epoch is as many batches as there are training windows (fixed when the run starts)." },

  { key: "generatorLearningRate", group: "optimiser", label: "Generator learning rate", kind: "number", defaultValue: "0.001", min: 0, max: 1, step: "any", range: "above 0, at most 1",
    help: "How big a step the generator takes at each update: too large and training turns unstable, too small and it learns slowly." },
  { key: "criticLearningRate", group: "optimiser", label: "Critic learning rate", kind: "number", defaultValue: "0.001", min: 0, max: 1, step: "any", range: "above 0, at most 1",
    help: "The same for the critic, the network that judges training music against generated music." },
  { key: "beta1", group: "optimiser", label: "Beta 1", kind: "number", defaultValue: "0.5", min: 0, max: 0.9999, step: "any", range: "0 to below 1",
    help: "Adam's momentum: how much of the previous steps' direction each step keeps." },
  { key: "beta2", group: "optimiser", label: "Beta 2", kind: "number", defaultValue: "0.9", min: 0, max: 0.9999, step: "any", range: "0 to below 1",
    help: "Adam's memory of how large recent gradients were; it scales each step." },
  { key: "criticSteps", group: "optimiser", label: "Critic steps (update ratio)", kind: "int", defaultValue: "5", min: 1, max: 100, step: 1, range: "1 to 100",
    help: "Critic updates per generator update: a well-trained critic gives the generator better advice." },
  { key: "gradientPenaltyWeight", group: "optimiser", label: "Gradient penalty weight", kind: "number", defaultValue: "10", min: 0, max: 1_000_000, step: "any", range: "0 to 1,000,000",
    help: "λ: how strongly the critic is kept smooth; 10 is the usual value." },

  { key: "batchSize", group: "data", label: "Batch size", kind: "int", defaultValue: "64", min: 1, max: 4096, step: 1, range: "1 to 4,096",
    help: "Training windows per update: larger batches give steadier updates but take longer per iteration." },
  { key: "split", group: "data", label: "Split", kind: "split", defaultValue: "train", range: "train, valid or test",
    help: "Which part of the dataset to learn from; the valid and test parts are kept for checking." },
  { key: "hop", group: "data", label: "Hop (steps)", kind: "int", defaultValue: "16", min: 1, max: 4096, step: 1, range: "1 to 4,096",
    help: "Steps between the starts of two training windows (16 = one bar): smaller hops give more, overlapping windows." },
  { key: "transposition", group: "data", label: "Transposition", kind: "transposition", defaultValue: "none", range: "none, all, or up to ±1..127 semitones",
    help: "Also learn from copies moved up and down in pitch: more variety, longer epochs." },
  { key: "conditionTrack", group: "data", label: "Melody track", kind: "int", defaultValue: "0", min: 0, max: 15, step: 1, range: "0 to 15, below the number of tracks",
    help: "Which track of the data is the melody to accompany (0 = the top voice, the soprano)." },

  { key: "filters", group: "network", label: "Filters", kind: "int", defaultValue: "64", min: 1, max: 1024, step: 1, range: "1 to 1,024", architecture: true,
    help: "Width of the generator (and of the critic unless set below): wider networks can learn more but train slower." },
  { key: "criticFilters", group: "network", label: "Critic filters", kind: "int", defaultValue: "", emptyMeans: "same as the generator", min: 1, max: 1024, step: 1, range: "1 to 1,024", architecture: true,
    help: "Width of the critic when it differs: a wider critic hears harmony between distant voices better, at little cost." },
  { key: "latentChannels", group: "network", label: "Latent channels", kind: "int", defaultValue: "512", min: 1, max: 4096, step: 1, range: "1 to 4,096", architecture: true,
    help: "Size of the random input that makes every take different." },
  { key: "conditionOctaves", group: "network", label: "Melody octaves", kind: "int", defaultValue: "", emptyMeans: "1, the melody alone", min: 1, max: 8, step: 1, range: "1 to 8", architecture: true,
    help: "Copies of the melody one, two, … octaves lower that the networks also see." },

  { key: "tracks", group: "roll", label: "Tracks", kind: "int", defaultValue: "4", min: 2, max: 16, step: 1, range: "2 to 16", architecture: true,
    help: "Voices in a window, the melody included." },
  { key: "steps", group: "roll", label: "Steps per window", kind: "int", defaultValue: "32", min: 16, max: 1024, step: 16, range: "a multiple of 16, 16 to 1,024", architecture: true,
    help: "Time steps per window: 16 sixteenths per 4/4 bar, so 32 is two bars." },
  { key: "lowestPitch", group: "roll", label: "Lowest pitch", kind: "int", defaultValue: "0", min: 0, max: 112, step: 1, range: "0 to 112; the roll must end by MIDI 127", architecture: true,
    help: "The lowest MIDI pitch the roll covers (60 is middle C)." },
  { key: "pitches", group: "roll", label: "Pitches", kind: "int", defaultValue: "128", min: 16, max: 128, step: 16, range: "a multiple of 16, 16 to 128", architecture: true,
    help: "Pitch rows of the roll, upwards from the lowest pitch." },

  { key: "seed", group: "reproducibility", label: "Seed", kind: "int", defaultValue: "0", min: 0, max: MAX_SEED, step: 1, range: `0 to ${MAX_SEED.toLocaleString("en")}`,
    help: "Starts the random numbers: the same seed and settings train the same model; another seed is another run." },

  { key: "checkpointEvery", group: "checkpoints", label: "Checkpoint every (iterations)", kind: "int", defaultValue: "50", min: 1, max: 10_000_000, step: 1, range: "1 to 10,000,000",
    help: "Iterations between checkpoints: each one saves the networks, draws samples, and is where a stopped run resumes." },
  { key: "keepCheckpoints", group: "checkpoints", label: "Checkpoints kept", kind: "int", defaultValue: "3", min: 1, max: 10_000, step: 1, range: "1 to 10,000",
    help: "How many of the newest checkpoints are kept." },
  { key: "metricsEvery", group: "checkpoints", label: "Measure music every (iterations)", kind: "int", defaultValue: "50", min: 1, max: 10_000_000, step: 1, range: "1 to 10,000,000",
    help: "Iterations between measurements of the music (the metric and similarity charts)." },
  { key: "evaluationSamples", group: "checkpoints", label: "Evaluation melodies", kind: "int", defaultValue: "64", min: 1, max: 4096, step: 1, range: "1 to 4,096",
    help: "Fixed melodies from the test part accompanied at each measurement." },
  { key: "previewSamples", group: "checkpoints", label: "Samples per checkpoint", kind: "int", defaultValue: "4", min: 1, max: 4096, step: 1, range: "1 up to the evaluation melodies",
    help: "Samples drawn at each checkpoint for you to see and hear." },
];

/** The definition of one field. */
export function fieldDef(key: FieldKey): FieldDef {
  return FIELDS.find((f) => f.key === key)!;
}

/** The lab's defaults (DeepComposer's GAN notebook), as the form shows them. */
export const LAB_DEFAULTS: Values = Object.fromEntries(FIELDS.map((f) => [f.key, f.defaultValue])) as Values;

/** Every field empty (the recipe of a base model decides). */
export const EMPTY_VALUES: Values = Object.fromEntries(FIELDS.map((f) => [f.key, ""])) as Values;

type Architecture = ModelSummary["architecture"];

function text(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === "string") return v;
  return undefined;
}

/** The form's values of a recipe: the fields a training block and an architecture carry (missing ones are left out). */
export function recipeValues(training: Partial<TrainingOptions> | null | undefined, architecture: Partial<Architecture> | null | undefined): Partial<Values> {
  const out: Partial<Values> = {};
  const t = (training ?? {}) as Record<string, unknown>;
  const a = (architecture ?? {}) as Record<string, unknown>;
  for (const f of FIELDS) {
    const source = f.architecture ? a : t;
    if (!(f.key in source)) continue;
    const v = text(source[f.key]);
    // criticFilters and conditionOctaves are null when "as the generator" / "melody alone": an empty field.
    out[f.key] = v ?? "";
  }
  return out;
}

/** The length mode of a recipe: epochs when it gives them. */
export function lengthModeOf(training: Partial<TrainingOptions> | null | undefined): LengthMode {
  return typeof training?.epochs === "number" && training.epochs > 0 ? "epochs" : "iterations";
}

/** A problem per field (only the fields with one). */
export type FieldErrors = Partial<Record<FieldKey | "name" | "dataset" | "tags" | "baseModel", string>>;

/** Checks a job's name as the server does; the sentence, or undefined. */
export function checkName(name: string): string | undefined {
  if (name === "") return undefined;
  if (name.length > 64 || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name))
    return `A job's name is 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit (it names the model it makes); '${name}' is not.`;
  return undefined;
}

/** Tags from "a, b c" (commas or spaces), lower-cased, without repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((t) => t.trim()).filter(Boolean))];
}

/** Parses a transposition as the server does (none, all, 0, k, ±k, +k with k 1..127); the canonical text or null. */
export function parseTransposition(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, "");
  if (t === "none" || t === "0") return "none";
  if (t === "all") return "all";
  const k = t.replace(/^[±+]+/, "");
  if (!/^\d+$/.test(k)) return null;
  const n = Number(k);
  return n >= 1 && n <= 127 ? String(n) : null;
}

const WHAT: Partial<Record<FieldKey, string>> = {
  iterations: "number of iterations",
  batchSize: "batch size",
  criticSteps: "number of critic steps per generator step",
  hop: "hop between windows",
  checkpointEvery: "checkpoint interval",
  keepCheckpoints: "number of checkpoints kept",
  metricsEvery: "metrics interval",
  evaluationSamples: "number of evaluation samples",
  filters: "filter count",
  criticFilters: "critic's filter count",
  latentChannels: "latent channels",
  conditionOctaves: "condition octaves",
  tracks: "number of tracks",
};

/**
 * Checks the values as the server would. <paramref name="fallback" /> gives what an empty field
 * stands for when it is known (the lab's defaults when starting from scratch, the known parts of
 * a base model's recipe); checks between two fields are made only when both are known.
 */
export function validate(values: Values, mode: LengthMode, fallback: Partial<Values> = LAB_DEFAULTS): FieldErrors {
  const errors: FieldErrors = {};
  const raw = (k: FieldKey) => values[k].trim();
  const effective = (k: FieldKey): number | undefined => {
    const t = raw(k) !== "" ? raw(k) : (fallback[k] ?? "").trim();
    if (t === "") return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  };
  for (const f of FIELDS) {
    const t = raw(f.key);
    if (f.key === "iterations" && mode === "epochs") continue;
    if (f.key === "epochs" && mode === "iterations") continue;
    if (t === "") {
      if (f.key === "epochs") errors.epochs = "Enter the number of epochs, or give the length in iterations.";
      continue;
    }
    if (f.kind === "split") {
      if (!["train", "valid", "test"].includes(t)) errors[f.key] = "The split must be train, valid or test.";
      continue;
    }
    if (f.kind === "transposition") {
      if (parseTransposition(t) === null) errors[f.key] = `Transposition is none, all or a number of semitones 1..127, not '${t}'.`;
      continue;
    }
    const v = Number(t);
    if (!Number.isFinite(v) || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) {
      errors[f.key] = f.kind === "int" ? "Enter a whole number." : "Enter a number, e.g. 0.001 or 1e-3.";
      continue;
    }
    if (f.kind === "int" && !Number.isInteger(v)) {
      errors[f.key] = "Enter a whole number.";
      continue;
    }
    const message = check(f.key, v, effective);
    if (message) errors[f.key] = message;
  }
  return errors;
}

function check(key: FieldKey, v: number, get: (k: FieldKey) => number | undefined): string | undefined {
  const range = (max: number, min = 1) => (v < min || v > max ? `The ${WHAT[key] ?? key} must be ${min}..${max}, not ${v}.` : undefined);
  switch (key) {
    case "iterations":
    case "checkpointEvery":
    case "metricsEvery":
      return range(10_000_000);
    case "epochs":
      return v > 0 && v <= 1e6 ? undefined : `The number of epochs must be above 0 and at most 1000000, not ${v}.`;
    case "batchSize":
    case "hop":
    case "evaluationSamples":
      return range(4096);
    case "criticSteps":
      return range(100);
    case "keepCheckpoints":
      return range(10_000);
    case "previewSamples": {
      const most = get("evaluationSamples") ?? 4096;
      return v < 1 || v > most ? `The number of preview samples must be 1..${most} (the evaluation samples), not ${v}.` : undefined;
    }
    case "generatorLearningRate":
      return v > 0 && v <= 1 ? undefined : `The generator's learning rate must be above 0 and at most 1, not ${v}.`;
    case "criticLearningRate":
      return v > 0 && v <= 1 ? undefined : `The critic's learning rate must be above 0 and at most 1, not ${v}.`;
    case "beta1":
    case "beta2":
      return v >= 0 && v < 1 ? undefined : `Adam's ${key} must be in [0, 1), not ${v}.`;
    case "gradientPenaltyWeight":
      return v >= 0 && v <= 1e6 ? undefined : `The gradient-penalty weight must be 0..1000000, not ${v}.`;
    case "conditionTrack": {
      if (v < 0 || v > 15) return `The melody (condition) track must be 0..15, not ${v}.`;
      const tracks = get("tracks");
      return tracks !== undefined && v >= tracks ? `The melody track ${v} is outside the ${tracks} tracks.` : undefined;
    }
    case "seed":
      return v < 0 || v > MAX_SEED ? `The seed must be 0..${MAX_SEED} (the largest whole number a browser sends exactly), not ${v}.` : undefined;
    case "filters":
    case "criticFilters":
      return range(1024);
    case "latentChannels":
      return range(4096);
    case "conditionOctaves": {
      if (v < 1 || v > 8) return `The condition octaves must be 1..8, not ${v}.`;
      const pitches = get("pitches");
      return pitches !== undefined && 12 * (v - 1) >= pitches ? `${v} condition octaves need more than ${12 * (v - 1)} pitches, not ${pitches}.` : undefined;
    }
    case "tracks":
      return range(16, 2);
    case "steps":
      return v < 16 || v % 16 !== 0 || v > 1024 ? `The steps per window must be a multiple of 16 in 16..1024, not ${v}.` : undefined;
    case "pitches":
      return v < 16 || v % 16 !== 0 ? `The number of pitches must be a multiple of 16 (e.g. 36..99 is 64 pitches), not ${v}.` : undefined;
    case "lowestPitch": {
      const pitches = get("pitches") ?? 16;
      return v < 0 || v + pitches > 128 ? `The pitches ${v}..${v + pitches - 1} must lie within MIDI 0..127.` : undefined;
    }
    default:
      return undefined;
  }
}

/** What the form adds to the hyperparameters. */
export interface RequestBasics {
  name: string;
  dataset: string;
  tags: string[];
  baseModel: string | null;
}

/** The request: the basics and every non-empty field (numbers as numbers); the other length field is left out. */
export function buildRequest(values: Values, mode: LengthMode, basics: RequestBasics): TrainingJobRequest {
  const request: Record<string, unknown> = { dataset: basics.dataset };
  if (basics.name.trim()) request["name"] = basics.name.trim();
  if (basics.baseModel) request["baseModel"] = basics.baseModel;
  if (basics.tags.length > 0) request["tags"] = basics.tags;
  for (const f of FIELDS) {
    if (f.key === "iterations" && mode === "epochs") continue;
    if (f.key === "epochs" && mode === "iterations") continue;
    const t = values[f.key].trim();
    if (t === "") continue;
    if (f.kind === "split") request[f.key] = t;
    else if (f.kind === "transposition") request[f.key] = parseTransposition(t) ?? t;
    else request[f.key] = Number(t);
  }
  return request as TrainingJobRequest;
}
