/**
 * Starting an evaluation: the dataset and split whose melodies the model accompanies, and how
 * many windows. The server measures within the request (a minute or so for 600 windows), so the
 * form shows the time taken while it waits, and can cancel.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { DatasetSummary, EvaluationView } from "../../api/types";
import { ErrorNote, Progress } from "../../ui/feedback";
import { duration } from "../../ui/format";
import { notify } from "../../ui/toast";
import { sentenceOf, useAsync } from "../../ui/useAsync";
import { modelPath } from "./library";

const SPLITS: [value: string, label: string][] = [
  ["test", "test (held out: the usual choice)"],
  ["valid", "valid (used to calibrate the clean-up)"],
  ["train", "train (what the model learnt from)"],
];

/** The form; <paramref name="onDone" /> gets the kept evaluation. */
export function EvaluateForm({ model, onDone, idPrefix }: { model: string; onDone: (view: EvaluationView) => void; idPrefix: string }) {
  const datasets = useAsync((signal) => api<DatasetSummary[]>("GET", "/api/datasets", { signal }), []);
  const [dataset, setDataset] = useState("jsb-chorales");
  const [split, setSplit] = useState("test");
  const [windows, setWindows] = useState("600");
  const [running, setRunning] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<string | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);

  // Leaving the page cancels a running evaluation (the server stops measuring).
  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    setElapsed(0);
    const timer = setInterval(() => setElapsed((Date.now() - started) / 1000), 1000);
    return () => clearInterval(timer);
  }, [running]);

  const list = datasets.value ?? [];
  const chosen = list.find((d) => d.name === dataset);
  const windowCount = Number(windows);
  const windowsProblem = !Number.isInteger(windowCount) || windowCount < 1 || windowCount > 5000 ? "Between 1 and 5000 windows." : undefined;

  const run = async (e: Event) => {
    e.preventDefault();
    if (windowsProblem) return;
    const c = new AbortController();
    controller.current = c;
    setRunning(true);
    setError(undefined);
    try {
      const view = await api<EvaluationView>("POST", `${modelPath(model)}/evaluations`, { json: { dataset, split, maxWindows: windowCount }, signal: c.signal });
      notify(`Evaluated ${model} on ${dataset} ${split}.`);
      onDone(view);
    } catch (x) {
      if (!c.signal.aborted) setError(sentenceOf(x));
    } finally {
      // A canceled run has already been put aside by cancel().
      if (controller.current === c) {
        controller.current = null;
        setRunning(false);
      }
    }
  };

  const cancel = () => {
    controller.current?.abort();
    controller.current = null;
    setRunning(false);
    notify("Evaluation canceled.");
  };

  const download = async () => {
    setDownloading(true);
    setError(undefined);
    try {
      await api<unknown>("POST", `/api/datasets/${encodeURIComponent(dataset)}/download`);
      notify(`Downloaded ${dataset}.`);
      datasets.reload();
    } catch (x) {
      setError(sentenceOf(x));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <form class="stack" onSubmit={(e) => void run(e)} aria-label={`Evaluate ${model}`}>
      <div class="row" style={{ alignItems: "flex-end" }}>
        <label class="field">
          <span>Dataset</span>
          <select id={`${idPrefix}-dataset`} value={dataset} onChange={(e) => setDataset(e.currentTarget.value)} disabled={running}>
            {list.length === 0 && <option value="jsb-chorales">jsb-chorales</option>}
            {list.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
                {d.available ? "" : " (not downloaded yet)"}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Split</span>
          <select value={split} onChange={(e) => setSplit(e.currentTarget.value)} disabled={running}>
            {SPLITS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Windows (at most)</span>
          <input
            type="number"
            min={1}
            max={5000}
            step={1}
            value={windows}
            onInput={(e) => setWindows(e.currentTarget.value)}
            disabled={running}
            style={{ width: "110px" }}
            aria-invalid={windowsProblem ? true : undefined}
            aria-describedby={`${idPrefix}-windows-help`}
          />
        </label>
        {!running ? (
          <button type="submit" class="primary" disabled={!!windowsProblem || (chosen !== undefined && !chosen.available)}>
            Evaluate
          </button>
        ) : (
          <button type="button" onClick={cancel}>
            Cancel evaluation
          </button>
        )}
      </div>
      <p id={`${idPrefix}-windows-help`} class={windowsProblem ? "field-error" : "help"}>
        {windowsProblem ??
          "Each window is two bars of a piece's melody for the model to accompany; its voices are measured against Bach's and a naive baseline's. 600 windows take about a minute. Leaving the page cancels it."}
      </p>
      {datasets.error && <ErrorNote sentence={`The datasets could not be listed: ${datasets.error}`} retry={datasets.reload} />}
      {chosen && !chosen.available && (
        <div class="notice row">
          <span>{dataset} is not downloaded yet, so there is nothing to evaluate on.</span>
          <button type="button" onClick={() => void download()} disabled={downloading}>
            {downloading ? "Downloading…" : `Download ${dataset}`}
          </button>
        </div>
      )}
      {running && <Progress value={undefined} label={`Evaluating ${model} on ${dataset} ${split}… ${duration(elapsed)}`} />}
      {error && <ErrorNote sentence={error} />}
    </form>
  );
}
