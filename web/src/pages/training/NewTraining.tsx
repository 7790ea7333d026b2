/**
 * /training/new: start a training run, from scratch (the lab's defaults) or from a model's recipe
 * (?from=NAME preselects it); choose the dataset (built-in ones can be downloaded here); set the
 * hyperparameters, grouped, each with its default, range and a sentence, checked as the server
 * checks them; see a live estimate of the time it takes; start → the run's page.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api/client";
import type { DatasetSummary, ModelSummary, TrainingJobView, TrainingOptions } from "../../api/types";
import { navigate } from "../../router";
import { Empty, ErrorNote, Loading, Progress } from "../../ui/feedback";
import { metric } from "../../ui/format";
import { notify } from "../../ui/toast";
import { sentenceOf, useAsync } from "../../ui/useAsync";
import { roughDuration } from "./jobs";
import {
  buildRequest,
  checkName,
  EMPTY_VALUES,
  FIELDS,
  GROUPS,
  LAB_DEFAULTS,
  lengthModeOf,
  parseTags,
  recipeValues,
  validate,
  type FieldDef,
  type FieldErrors,
  type FieldKey,
  type GroupId,
  type LengthMode,
  type Values,
} from "./params";
import "./training.css";

/** The answer of POST /api/training-jobs/estimate. */
interface Estimate {
  seconds: number;
  secondsPerIteration?: number;
  iterations?: number;
  basis?: unknown;
}

function isEstimate(v: unknown): v is Estimate {
  return typeof v === "object" && v !== null && typeof (v as { seconds?: unknown }).seconds === "number" && Number.isFinite((v as { seconds: number }).seconds);
}

/** Datasets the server can download from their canonical address. */
const DOWNLOADABLE = new Set(["jsb-chorales", "lab-snippets"]);

function kindLabel(kind: string): string {
  switch (kind) {
    case "jsb-chorales":
    case "lab-snippets":
      return "built-in";
    case "midi-folder":
      return "server folder";
    case "midi-zip":
      return "imported";
    default:
      return kind;
  }
}

/** The recipe of a model: its training block when the API gives it, or the block of the job that made it. */
function recipeOf(model: ModelSummary, jobs: readonly TrainingJobView[] | undefined): Partial<TrainingOptions> | undefined {
  const own = (model as ModelSummary & { training?: Partial<TrainingOptions> | null }).training;
  if (own) return own;
  return jobs?.find((j) => j.resultModel === model.name)?.training;
}

/** The new-training form. */
export function NewTraining({ from }: { from?: string }) {
  const models = useAsync((signal) => api<ModelSummary[]>("GET", "/api/models", { signal }), []);
  const datasets = useAsync((signal) => api<DatasetSummary[]>("GET", "/api/datasets", { signal }), []);
  // Only to find the recipes of models made by training jobs; not having them is no failure.
  const jobs = useAsync((signal) => api<TrainingJobView[]>("GET", "/api/training-jobs", { signal }).catch(() => [] as TrainingJobView[]), []);

  const [start, setStart] = useState<"scratch" | "model">(from ? "model" : "scratch");
  const [baseModel, setBaseModel] = useState(from ?? "");
  const [values, setValues] = useState<Values>(LAB_DEFAULTS);
  const [fallback, setFallback] = useState<Partial<Values>>(LAB_DEFAULTS);
  const [recipeKnown, setRecipeKnown] = useState(true);
  const [mode, setMode] = useState<LengthMode>("iterations");
  const [name, setName] = useState("");
  const [tags, setTags] = useState("");
  const [dataset, setDataset] = useState("jsb-chorales");
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [server, setServer] = useState<{ sentence?: string; fields: FieldErrors }>({ fields: {} });
  const [submitting, setSubmitting] = useState(false);
  const [rollOpen, setRollOpen] = useState(false);
  // Number fields whose text the browser cannot read as a number (their value reads as "").
  const [unreadable, setUnreadable] = useState<ReadonlySet<FieldKey>>(new Set());

  const ready = models.value !== undefined && !jobs.loading;
  const chosenModel = start === "model" ? models.value?.find((m) => m.name === baseModel) : undefined;
  const missingFrom = start === "model" && ready && baseModel !== "" && !chosenModel;

  // Prefill from the chosen recipe (or the lab's defaults) whenever the starting point changes.
  useEffect(() => {
    if (start === "scratch") {
      setValues(LAB_DEFAULTS);
      setFallback(LAB_DEFAULTS);
      setRecipeKnown(true);
      setMode("iterations");
      setDirty(new Set());
      return;
    }
    if (!ready) return;
    const model = models.value?.find((m) => m.name === baseModel);
    if (!model) return;
    const training = recipeOf(model, jobs.value);
    const known = recipeValues(training, model.architecture);
    setValues({ ...EMPTY_VALUES, ...known });
    setFallback(known);
    setRecipeKnown(training !== undefined);
    setMode(lengthModeOf(training));
    if (training?.dataset) setDataset(training.dataset);
    setDirty(new Set());
    setServer({ fields: {} });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [start, baseModel, ready]);

  const setField = (key: FieldKey, v: string, bad = false) => {
    setUnreadable((u) => {
      if (u.has(key) === bad) return u;
      const next = new Set(u);
      if (bad) next.add(key);
      else next.delete(key);
      return next;
    });
    setValues((old) => ({ ...old, [key]: v }));
    setDirty((d) => new Set(d).add(key));
    setServer((s) => (s.fields[key] ? { ...s, fields: { ...s.fields, [key]: undefined } } : s));
  };

  const datasetList = datasets.value;
  const chosenDataset = datasetList?.find((d) => d.name === dataset);
  const tagList = parseTags(tags);

  const errors: FieldErrors = useMemo(() => {
    const e = validate(values, mode, start === "scratch" ? LAB_DEFAULTS : fallback);
    for (const key of unreadable) {
      const f = FIELDS.find((x) => x.key === key);
      if (f && !(key === "iterations" && mode === "epochs") && !(key === "epochs" && mode === "iterations"))
        e[key] = f.kind === "int" ? "Enter a whole number." : "Enter a number, e.g. 0.001 or 1e-3.";
    }
    const nameProblem = checkName(name.trim());
    if (nameProblem) e.name = nameProblem;
    if (!dataset) e.dataset = "Choose a dataset to train on.";
    else if (datasetList && !chosenDataset) e.dataset = `There is no dataset named '${dataset}': choose one of the list.`;
    else if (chosenDataset && !chosenDataset.available)
      e.dataset = DOWNLOADABLE.has(chosenDataset.kind) ? `${chosenDataset.name} is not downloaded yet: download it first.` : `${chosenDataset.name} is not available on this server.`;
    if (chosenDataset?.kind === "midi-zip" && tagList.length > 0) {
      const own = chosenDataset.tags.map((t) => t.toLowerCase());
      const missing = tagList.filter((t) => !own.includes(t.toLowerCase()));
      if (missing.length > 0)
        e.tags = `The dataset '${chosenDataset.name}' does not carry the tag(s) ${missing.join(", ")} (its tags: ${own.length === 0 ? "none" : own.join(", ")}).`;
    }
    if (start === "model" && !chosenModel) e.baseModel = "Choose the model whose recipe to start from.";
    return e;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values, mode, fallback, start, name, dataset, datasetList, tags, chosenModel, unreadable]);
  const errorKeys = Object.keys(errors).filter((k) => errors[k as keyof FieldErrors]);
  const valid = errorKeys.length === 0;

  const request = useMemo(
    () => buildRequest(values, mode, { name, dataset, tags: tagList, baseModel: start === "model" ? baseModel : null }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [values, mode, name, dataset, tags, start, baseModel],
  );

  const estimate = useEstimate(request, valid);

  const shownError = (key: string): string | undefined => {
    const s = server.fields[key as keyof FieldErrors];
    if (s) return s;
    return attempted || dirty.has(key) ? errors[key as keyof FieldErrors] : undefined;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setAttempted(true);
    if (!valid) {
      // The first problem in the order of the page: the start, the data, then the hyperparameters.
      const order: string[] = ["baseModel", "dataset", "name", "tags", ...FIELDS.map((f) => f.key)];
      const first = order.find((k) => errors[k as keyof FieldErrors]) ?? errorKeys[0];
      if (FIELDS.some((f) => f.group === "roll" && errors[f.key])) setRollOpen(true);
      setTimeout(() => document.getElementById(`f-${first}`)?.focus(), 0);
      return;
    }
    setSubmitting(true);
    setServer({ fields: {} });
    try {
      const job = await api<TrainingJobView>("POST", "/api/training-jobs", { json: request });
      notify(`Training run ${job.name} is queued.`);
      navigate(`/training/${encodeURIComponent(job.id)}`);
    } catch (err) {
      if (err instanceof ApiError) {
        const fields: FieldErrors = {};
        let unplaced = false;
        for (const [k, messages] of Object.entries(err.fields)) {
          const key = k.charAt(0).toLowerCase() + k.slice(1);
          if (FIELDS.some((f) => f.key === key) || key === "name" || key === "dataset" || key === "tags") fields[key as keyof FieldErrors] = messages.join(" ");
          else unplaced = true;
        }
        const placed = Object.keys(fields).length > 0;
        if (placed && FIELDS.some((f) => fields[f.key] && f.group === "roll")) setRollOpen(true);
        setServer({ sentence: placed && !unplaced ? "The server refused some settings: see the marked fields." : err.sentence, fields });
      } else {
        setServer({ sentence: sentenceOf(err), fields: {} });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const placeholderFor = (f: FieldDef): string => {
    if (start === "model" && !(f.key in fallback)) return `as in ${baseModel}`;
    return f.emptyMeans ?? f.defaultValue;
  };

  if (models.loading && datasets.loading) return <div class="page"><Loading what="Loading models and datasets…" /></div>;

  return (
    <div class="page">
      <div class="page-head">
        <h1>New training</h1>
        <div class="actions">
          <a class="button" href="/training">
            Back to training runs
          </a>
        </div>
      </div>
      <form class="train-form" onSubmit={(e) => void submit(e)} noValidate aria-label="New training run">
        <div class="stack">
          <section class="panel" aria-labelledby="start-title">
            <h2 id="start-title">Start from</h2>
            <div class="start-choice" role="radiogroup" aria-label="Start from">
              <label>
                <input type="radio" name="start" value="scratch" checked={start === "scratch"} onChange={() => setStart("scratch")} />
                Scratch, with the lab's defaults
              </label>
              <label>
                <input type="radio" name="start" value="model" checked={start === "model"} onChange={() => setStart("model")} />
                A model's recipe
              </label>
            </div>
            {start === "model" && (
              <div class="stack" style={{ marginTop: "8px" }}>
                {models.error && <ErrorNote sentence={models.error} retry={models.reload} />}
                {models.loading && <Loading what="Loading the models…" />}
                {models.value && (
                  <label class="field">
                    <span>Model</span>
                    <select id="f-baseModel" value={chosenModel ? baseModel : ""} onChange={(e) => setBaseModel((e.currentTarget as HTMLSelectElement).value)} aria-invalid={!!shownError("baseModel")}>
                      <option value="" disabled>
                        Choose a model…
                      </option>
                      <ModelOptions models={models.value} />
                    </select>
                  </label>
                )}
                {missingFrom && <p class="notice">There is no model named {baseModel}. Choose another one, or start from scratch.</p>}
                {shownError("baseModel") && !missingFrom && <span class="field-error">{shownError("baseModel")}</span>}
                {chosenModel && <ModelFacts model={chosenModel} recipeKnown={recipeKnown} />}
              </div>
            )}
          </section>

          <section class="panel" aria-labelledby="data-title">
            <h2 id="data-title">Data</h2>
            {datasets.loading && <Loading what="Loading the datasets…" />}
            {datasets.error && <ErrorNote sentence={datasets.error} retry={datasets.reload} />}
            {datasetList && (
              <DatasetPicker
                datasets={datasetList}
                value={dataset}
                onChange={(d) => {
                  setDataset(d);
                  setDirty((s) => new Set(s).add("dataset"));
                  setServer((s) => ({ ...s, fields: { ...s.fields, dataset: undefined } }));
                }}
                onRefreshed={(list) => datasets.set(list)}
                error={shownError("dataset")}
              />
            )}
            <div class="grid2" style={{ marginTop: "12px" }}>
              <div class="param">
                <label for="f-name">Name</label>
                <input
                  id="f-name"
                  value={name}
                  placeholder={`${dataset || "dataset"}-date-time`}
                  maxLength={64}
                  autoComplete="off"
                  spellcheck={false}
                  aria-invalid={!!shownError("name")}
                  aria-describedby="f-name-help f-name-error"
                  onInput={(e) => {
                    setName((e.currentTarget as HTMLInputElement).value);
                    setDirty((d) => new Set(d).add("name"));
                    setServer((s) => ({ ...s, fields: { ...s.fields, name: undefined } }));
                  }}
                />
                <span class="help" id="f-name-help">
                  Also the name of the model it makes: lower-case letters, digits, '.', '_' and '-'. Empty: the dataset and the time.
                </span>
                {shownError("name") && <span class="field-error" id="f-name-error">{shownError("name")}</span>}
              </div>
              <div class="param">
                <label for="f-tags">Required dataset tags</label>
                <input
                  id="f-tags"
                  value={tags}
                  placeholder="none"
                  autoComplete="off"
                  aria-invalid={!!shownError("tags")}
                  aria-describedby="f-tags-help f-tags-error"
                  onInput={(e) => {
                    setTags((e.currentTarget as HTMLInputElement).value);
                    setDirty((d) => new Set(d).add("tags"));
                  }}
                />
                <span class="help" id="f-tags-help">
                  Tags the dataset must carry, separated by commas; a run on a dataset without them stops. Empty: any dataset.
                </span>
                {shownError("tags") && <span class="field-error" id="f-tags-error">{shownError("tags")}</span>}
              </div>
            </div>
          </section>

          <section class="panel" aria-labelledby="params-title">
            <div class="panel-head">
              <h2 id="params-title">Hyperparameters</h2>
              <span class="spacer" />
              <button
                type="button"
                onClick={() => {
                  setValues(start === "scratch" ? LAB_DEFAULTS : { ...EMPTY_VALUES, ...fallback });
                  setMode(start === "scratch" ? "iterations" : lengthModeOf(chosenModel ? recipeOf(chosenModel, jobs.value) : undefined));
                  setDirty(new Set());
                }}
              >
                {start === "scratch" ? "Reset to the lab's defaults" : `Reset to ${baseModel || "the recipe"}`}
              </button>
            </div>
            {start === "model" && chosenModel && !recipeKnown && (
              <p class="notice">
                The server does not tell this page {chosenModel.name}'s training settings, only its network's size. Empty fields keep {chosenModel.name}'s own values;
                fill in only what you want to change.
              </p>
            )}
            {GROUPS.map((g) => (
              <Group
                key={g.id}
                id={g.id}
                open={g.id !== "roll" || rollOpen}
                onToggle={(o) => g.id === "roll" && setRollOpen(o)}
                values={values}
                mode={mode}
                setMode={setMode}
                setField={setField}
                error={shownError}
                placeholder={placeholderFor}
                evaluationSamples={Number(values.evaluationSamples || fallback.evaluationSamples || 4096)}
              />
            ))}
          </section>
        </div>

        <aside class="aside panel stack" aria-label="Summary">
          <h2>Summary</h2>
          <p>
            <span class="muted">From</span> {start === "scratch" ? "scratch (the lab's defaults)" : chosenModel ? chosenModel.name : "a model (choose one)"}
            <br />
            <span class="muted">Dataset</span> {dataset || "none chosen"}
            <br />
            <span class="muted">Length</span>{" "}
            {mode === "iterations"
              ? values.iterations
                ? `${Number(values.iterations).toLocaleString()} iterations`
                : start === "model"
                  ? `as in ${baseModel}`
                  : "1,000 iterations (the default)"
              : values.epochs
                ? `${values.epochs} epochs`
                : "epochs not given"}
          </p>
          <EstimateNote estimate={estimate} />
          {server.sentence && <ErrorNote sentence={server.sentence} />}
          {attempted && !valid && !server.sentence && (
            <p class="field-error" role="alert">
              {errorKeys.length === 1 ? "One field needs another look" : `${errorKeys.length} fields need another look`}: see the marked fields.
            </p>
          )}
          <button type="submit" class="primary" disabled={submitting}>
            {submitting ? "Starting…" : "Start training"}
          </button>
          <p class="help">The run is queued and starts as soon as the server has room; you can watch it learn on its page and cancel it at any time.</p>
        </aside>
      </form>
    </div>
  );
}

/** The models, sample ones first, as options. */
function ModelOptions({ models }: { models: readonly ModelSummary[] }) {
  const samples = models.filter((m) => m.isSample);
  const own = models.filter((m) => !m.isSample);
  return (
    <>
      {samples.length > 0 && (
        <optgroup label="Sample models">
          {samples.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </optgroup>
      )}
      {own.length > 0 && (
        <optgroup label="Your models">
          {own.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}

/** What the chosen model is: description, size, evaluation. */
function ModelFacts({ model, recipeKnown }: { model: ModelSummary; recipeKnown: boolean }) {
  const a = model.architecture;
  const similarity = model.evaluation?.["similarity_index"];
  const low = a.lowestPitch ?? 0;
  return (
    <div class="help">
      {model.description && <p>{model.description}</p>}
      <p>
        {model.isSample && <span class="tag sample">sample</span>} {a.tracks ?? 4} voices ({model.voiceNames.join(", ") || "unnamed"}), {a.filters ?? 64} filters
        {a.criticFilters ? ` (critic ${a.criticFilters})` : ""}, pitches {low}–{low + (a.pitches ?? 128) - 1}
        {model.iterations ? `, trained ${model.iterations.toLocaleString()} iterations` : ""}
        {similarity !== undefined ? `, similarity index ${metric(similarity)}` : ""}.
        {recipeKnown ? " Its recipe fills the form." : " Its network's size fills the form."}
      </p>
    </div>
  );
}

/** One group of hyperparameters. */
function Group({ id, open, onToggle, values, mode, setMode, setField, error, placeholder, evaluationSamples }: {
  id: GroupId;
  open: boolean;
  onToggle: (open: boolean) => void;
  values: Values;
  mode: LengthMode;
  setMode: (m: LengthMode) => void;
  setField: (k: FieldKey, v: string, bad?: boolean) => void;
  error: (k: string) => string | undefined;
  placeholder: (f: FieldDef) => string;
  evaluationSamples: number;
}) {
  const group = GROUPS.find((g) => g.id === id)!;
  const fields = FIELDS.filter((f) => f.group === id && !(id === "length" && f.key !== mode));
  const body = (
    <>
      <p class="help">{group.help}</p>
      {id === "length" && (
        <div class="row" role="radiogroup" aria-label="Give the length in" style={{ marginBottom: "8px" }}>
          <label>
            <input type="radio" name="length" checked={mode === "iterations"} onChange={() => setMode("iterations")} /> Iterations
          </label>
          <label>
            <input type="radio" name="length" checked={mode === "epochs"} onChange={() => setMode("epochs")} /> Epochs
          </label>
        </div>
      )}
      <div class="param-grid">
        {fields.map((f) => (
          <ParamField
            key={f.key}
            def={f}
            value={values[f.key]}
            onInput={(v, bad) => setField(f.key, v, bad)}
            error={error(f.key)}
            placeholder={placeholder(f)}
            {...(f.key === "previewSamples" ? { max: Math.max(1, Math.min(4096, evaluationSamples || 4096)) } : {})}
          />
        ))}
      </div>
    </>
  );
  if (group.advanced)
    return (
      <details class="group" open={open} onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)} style={{ marginTop: "12px" }}>
        <summary>{group.title}</summary>
        <fieldset class="group" aria-label={group.title}>
          {body}
        </fieldset>
      </details>
    );
  return (
    <fieldset class="group">
      <legend>{group.title}</legend>
      {body}
    </fieldset>
  );
}

/** One hyperparameter: its input, sentence, default, range and problem. */
function ParamField({ def, value, onInput, error, placeholder, max }: {
  def: FieldDef;
  value: string;
  onInput: (v: string, bad?: boolean) => void;
  error: string | undefined;
  placeholder: string;
  max?: number;
}) {
  const id = `f-${def.key}`;
  const describedBy = `${id}-help${error ? ` ${id}-error` : ""}`;
  let input;
  if (def.kind === "split") {
    input = (
      <select id={id} value={value} onChange={(e) => onInput((e.currentTarget as HTMLSelectElement).value)} aria-describedby={describedBy} aria-invalid={!!error}>
        {value === "" && <option value="">{placeholder}</option>}
        <option value="train">train</option>
        <option value="valid">valid</option>
        <option value="test">test</option>
      </select>
    );
  } else if (def.kind === "transposition") {
    input = <TranspositionInput id={id} value={value} onInput={onInput} describedBy={describedBy} invalid={!!error} placeholder={placeholder} />;
  } else {
    input = (
      <input
        id={id}
        type="number"
        inputMode={def.kind === "int" ? "numeric" : "decimal"}
        value={value}
        min={def.min}
        max={max ?? def.max}
        step={def.step ?? "any"}
        placeholder={placeholder}
        aria-invalid={!!error}
        aria-describedby={describedBy}
        onInput={(e) => {
          const el = e.currentTarget as HTMLInputElement;
          onInput(el.value, el.validity.badInput);
        }}
      />
    );
  }
  const defaultText = def.defaultValue !== "" ? `Default ${def.defaultValue}` : `Default: ${def.emptyMeans ?? "not set"}`;
  return (
    <div class="param">
      <label for={id}>{def.label}</label>
      {input}
      <span class="help" id={`${id}-help`}>
        {def.help} <span class="default">{defaultText}; {def.range}.</span>
      </span>
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** None, all, or up to ±k semitones. */
function TranspositionInput({ id, value, onInput, describedBy, invalid, placeholder }: {
  id: string;
  value: string;
  onInput: (v: string) => void;
  describedBy: string;
  invalid: boolean;
  placeholder: string;
}) {
  const choice = value === "" ? "" : value === "none" || value === "all" ? value : "k";
  return (
    <div class="transposition-input">
      <select
        id={id}
        value={choice}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          onInput(v === "k" ? "3" : v);
        }}
      >
        {value === "" && <option value="">{placeholder}</option>}
        <option value="none">None</option>
        <option value="all">Every shift that fits</option>
        <option value="k">Up to ± semitones…</option>
      </select>
      {choice === "k" && (
        <input
          type="number"
          min={1}
          max={127}
          step={1}
          value={value}
          aria-label="Largest shift in semitones"
          aria-invalid={invalid}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
      )}
    </div>
  );
}

/** The dataset choice, with downloads of built-in datasets not yet here. */
function DatasetPicker({ datasets, value, onChange, onRefreshed, error }: {
  datasets: readonly DatasetSummary[];
  value: string;
  onChange: (name: string) => void;
  onRefreshed: (list: DatasetSummary[]) => void;
  error: string | undefined;
}) {
  const [downloads, setDownloads] = useState<Record<string, { busy: boolean; error?: string }>>({});
  const download = async (name: string) => {
    setDownloads((d) => ({ ...d, [name]: { busy: true } }));
    try {
      const result = await api<{ downloaded: boolean; bytes: number }>("POST", `/api/datasets/${encodeURIComponent(name)}/download`);
      notify(result.downloaded ? `${name} is downloaded and checked.` : `${name} was already here.`);
      setDownloads((d) => ({ ...d, [name]: { busy: false } }));
      try {
        onRefreshed(await api<DatasetSummary[]>("GET", "/api/datasets"));
      } catch {
        // The list stays as it was; the download itself worked.
      }
    } catch (e) {
      setDownloads((d) => ({ ...d, [name]: { busy: false, error: sentenceOf(e) } }));
    }
  };
  if (datasets.length === 0) return <Empty>There are no datasets on this server yet.</Empty>;
  return (
    <fieldset>
      <legend>Dataset</legend>
      <div class="dataset-list" role="radiogroup" aria-label="Dataset" aria-describedby={error ? "f-dataset-error" : undefined}>
        {datasets.map((d, i) => {
          const id = i === 0 ? "f-dataset" : `f-dataset-${d.name}`;
          const state = downloads[d.name];
          return (
            <div key={d.name} class={value === d.name ? "dataset-option chosen" : "dataset-option"}>
              <input type="radio" id={id} name="dataset" value={d.name} checked={value === d.name} onChange={() => onChange(d.name)} aria-describedby={`${id}-about`} />
              <label for={id} class="name">
                {d.name}
              </label>
              <div class="download">
                {!d.available && DOWNLOADABLE.has(d.kind) && !state?.busy && (
                  <button type="button" onClick={() => void download(d.name)} aria-label={`Download ${d.name}`}>
                    Download
                  </button>
                )}
                {state?.busy && <Progress value={undefined} label={`Downloading ${d.name}…`} />}
              </div>
              <div class="meta help" id={`${id}-about`}>
                <span class="tag">{kindLabel(d.kind)}</span>
                {d.available ? <span>ready</span> : <strong>not downloaded yet</strong>}
                {d.files !== null && d.files !== undefined && <span>{d.files.toLocaleString()} files</span>}
                {d.tags.length > 0 && <span>tags: {d.tags.join(", ")}</span>}
                <span>{d.description}</span>
              </div>
              {state?.error && (
                <div class="meta">
                  <span class="field-error" role="alert">
                    {state.error}
                  </span>
                </div>
              )}
            </div>
          );
        })}
      </div>
      {error && (
        <p class="field-error" id="f-dataset-error">
          {error}
        </p>
      )}
      <p class="help">Built-in datasets are fetched from their canonical address and checked by SHA-256. To train on your own MIDI files, import a zip of them as a dataset first.</p>
    </fieldset>
  );
}

type EstimateState = { kind: "none" } | { kind: "working" } | { kind: "ready"; estimate: Estimate };

/**
 * The server's estimate of the run's time (POST /api/training-jobs/estimate with the request),
 * asked 600 ms after the last change. A server without the endpoint answers 404 (or 405): then
 * nothing is shown, and it is not asked again.
 */
function useEstimate(request: object, valid: boolean): EstimateState {
  const [state, setState] = useState<EstimateState>({ kind: "none" });
  const absent = useRef(false);
  const key = JSON.stringify(request);
  useEffect(() => {
    if (absent.current || !valid) {
      setState({ kind: "none" });
      return;
    }
    const controller = new AbortController();
    setState((s) => (s.kind === "ready" ? s : { kind: "working" }));
    const timer = setTimeout(() => {
      api<unknown>("POST", "/api/training-jobs/estimate", { json: request, signal: controller.signal }).then(
        (v) => {
          if (!controller.signal.aborted) setState(isEstimate(v) ? { kind: "ready", estimate: v } : { kind: "none" });
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          if (e instanceof ApiError && (e.status === 404 || e.status === 405)) absent.current = true;
          setState({ kind: "none" });
        },
      );
    }, 600);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, valid]);
  return state;
}

function EstimateNote({ estimate }: { estimate: EstimateState }) {
  if (estimate.kind === "none") return null;
  if (estimate.kind === "working")
    return (
      <p class="estimate muted" aria-live="polite">
        Estimating the time…
      </p>
    );
  const { seconds, secondsPerIteration, iterations, basis } = estimate.estimate;
  const words = roughDuration(seconds);
  return (
    <div aria-live="polite">
      <p class="estimate">
        <strong>{words.charAt(0).toUpperCase() + words.slice(1)}</strong> on this server
      </p>
      {typeof iterations === "number" && typeof secondsPerIteration === "number" && (
        <p class="help">
          {iterations.toLocaleString()} iterations at {secondsPerIteration < 0.1 ? secondsPerIteration.toPrecision(2) : secondsPerIteration.toFixed(2)} s each
          {typeof basis === "string" && basis ? ` (${basis})` : ""}.
        </p>
      )}
    </div>
  );
}
