/**
 * /training/{id}: one run, live without reloading: its state and progress, the losses (smoothed
 * like TensorBoard), the music measured per voice against the training data, the similarity
 * index, and the samples drawn at every checkpoint, to see, hear and watch evolve.
 */
import type { ComponentChildren } from "preact";
import { useMemo, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { ModelSummary, TrainingJobView } from "../../api/types";
import { navigate } from "../../router";
import { colorAt } from "../../ui/chart/palette";
import { confirmAction } from "../../ui/confirm";
import { ErrorNote, Loading, Progress } from "../../ui/feedback";
import { duration, when } from "../../ui/format";
import { notify } from "../../ui/toast";
import { sentenceOf, useAsync } from "../../ui/useAsync";
import { RunMetricCharts, SimilarityChart, SmoothedChart, type RunCurve } from "./charts";
import { badgeClass, canResume, etaText, isFinished, isLive, METRICS, progressFraction, progressText, secondsBetween, stateLabel, voiceNames } from "./jobs";
import { SamplesPanel } from "./SamplesPanel";
import { hasValues, lossColumns, LOSSES, metricNames, similarityColumns, voiceCount, type LossRow, type MetricRow } from "./series";
import { useNow, useRun, type Connection } from "./useRun";
import "./training.css";

/** The live page of one training run. */
export function TrainingRun({ id }: { id: string }) {
  const run = useRun(id);
  const job = run.job;
  const models = useAsync((signal) => api<ModelSummary[]>("GET", "/api/models", { signal }).catch(() => [] as ModelSummary[]), []);
  const [busy, setBusy] = useState<string | null>(null);
  const now = useNow(1000, job !== undefined && !isFinished(job.state));

  if (run.deleted)
    return (
      <div class="page">
        <h1>Training run</h1>
        <p class="notice" role="status">
          This training run was deleted. The model it made, if any, is still among your models.
        </p>
        <p>
          <a href="/training">Back to training runs</a>
        </p>
      </div>
    );
  if (run.error)
    return (
      <div class="page">
        <h1>Training run</h1>
        <ErrorNote sentence={run.error} retry={run.refresh} />
        <p>
          <a href="/training">Back to training runs</a>
        </p>
      </div>
    );
  if (!job)
    return (
      <div class="page">
        <Loading what="Loading the training run…" />
      </div>
    );

  const act = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
    } catch (e) {
      notify(sentenceOf(e), "error");
    } finally {
      setBusy(null);
    }
  };
  const cancel = () =>
    void act("cancel", async () => {
      const ok = await confirmAction(
        "Cancel this training run?",
        "It stops after the current iteration and keeps its last checkpoint; you can resume it from there later.",
        "Cancel the run",
      );
      if (!ok) return;
      run.setJob(await api<TrainingJobView>("POST", `/api/training-jobs/${encodeURIComponent(id)}/cancel`));
      notify("Canceling: the run stops within a few seconds.");
    });
  const resume = () =>
    void act("resume", async () => {
      run.setJob(await api<TrainingJobView>("POST", `/api/training-jobs/${encodeURIComponent(id)}/resume`));
      notify("Resumed: the run continues from its last checkpoint.");
      run.refresh();
    });
  const remove = () =>
    void act("delete", async () => {
      const ok = await confirmAction(
        "Delete this training run?",
        "Its losses, measurements and samples are deleted for good. The model it made, if any, stays among your models.",
        "Delete",
      );
      if (!ok) return;
      await api<void>("DELETE", `/api/training-jobs/${encodeURIComponent(id)}`);
      notify(`Training run ${job.name} deleted.`);
      navigate("/training");
    });

  // The job names its base model by store id; sample models have none in /api/models, so the name may stay unknown.
  const base = job.baseModel ? (models.value?.find((m) => m.id === job.baseModel)?.name ?? null) : null;
  const elapsed = secondsBetween(job.startedAt, job.finishedAt, now);
  const fraction = progressFraction(job);
  const live = isLive(job);
  return (
    <div class="page">
      <div class="page-head">
        <h1>{job.name}</h1>
        <span class={badgeClass(job.state)}>{stateLabel(job)}</span>
        <ConnectionNote connection={run.connection} />
        <div class="actions">
          {job.resultModel && (
            <a class="button primary" href={`/?model=${encodeURIComponent(job.resultModel)}`}>
              Compose with this model
            </a>
          )}
          <a class="button" href={`/training/compare?a=${encodeURIComponent(id)}&b=`}>
            Compare with…
          </a>
          {!isFinished(job.state) && (
            <button type="button" onClick={cancel} disabled={busy !== null || job.cancelRequested}>
              {job.cancelRequested ? "Canceling…" : "Cancel"}
            </button>
          )}
          {canResume(job) && (
            <button type="button" onClick={resume} disabled={busy !== null}>
              {busy === "resume" ? "Resuming…" : "Resume"}
            </button>
          )}
          {isFinished(job.state) && (
            <button type="button" class="danger" onClick={remove} disabled={busy !== null}>
              Delete
            </button>
          )}
        </div>
      </div>

      <section class="panel" aria-label="Progress">
        {job.state === "failed" && job.error && <ErrorNote sentence={job.error} />}
        {run.problem && (
          <p class="notice" role="status">
            {run.problem}
          </p>
        )}
        <div class="run-progress">
          <Progress value={fraction} label={`${progressText(job)} iterations${fraction !== undefined ? ` · ${Math.floor(fraction * 100)}%` : ""}`} />
        </div>
        <dl class="run-facts">
          <Fact term="Dataset">{job.dataset}</Fact>
          <Fact term="Started from">
            {base ? <a href={`/models/${encodeURIComponent(base)}`}>{base}</a> : job.baseModel ? "a model's recipe" : "scratch (the lab's defaults)"}
          </Fact>
          <Fact term="Time left">{etaText(job)}</Fact>
          <Fact term="Elapsed">{elapsed === null ? "not started yet" : duration(elapsed)}</Fact>
          <Fact term="Submitted">{when(job.createdAt)}</Fact>
          <Fact term="Started">{job.startedAt ? when(job.startedAt) : "not yet"}</Fact>
          <Fact term={isFinished(job.state) ? "Ended" : "Last change"}>{when(job.finishedAt ?? job.updatedAt)}</Fact>
          <Fact term="Attempts">{job.attempts === 0 ? "none yet" : job.attempts}</Fact>
          <Fact term="Model">
            {job.resultModel ? (
              <a href={`/models/${encodeURIComponent(job.resultModel)}`}>{job.resultModel}</a>
            ) : job.state === "completed" ? (
              "none"
            ) : isFinished(job.state) ? (
              "none: resume the run to finish it"
            ) : (
              "made when the run completes"
            )}
          </Fact>
        </dl>
      </section>

      <LossPanel job={job} losses={run.losses} loaded={run.historyLoaded} />
      <MetricsPanel job={job} metrics={run.metrics} loaded={run.historyLoaded} />

      <section class="panel" aria-labelledby="samples-title">
        <h2 id="samples-title">Samples</h2>
        <SamplesPanel jobId={id} samples={run.samples} checkpointEvery={job.training.checkpointEvery} live={live} historyLoaded={run.historyLoaded} />
      </section>

      <section class="panel" aria-labelledby="recipe-title">
        <details>
          <summary>
            <h2 id="recipe-title" style={{ display: "inline", fontSize: "14px" }}>
              Recipe
            </h2>{" "}
            <span class="muted">(the run's hyperparameters and network size)</span>
          </summary>
          <Recipe job={job} />
        </details>
      </section>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** How the page gets its updates, in a word. */
export function ConnectionNote({ connection }: { connection: Connection }) {
  const text: Record<Connection, string> = {
    loading: "Connecting…",
    live: "Live",
    reconnecting: "Reconnecting…",
    polling: "Updating every 2 s",
    ended: "",
  };
  if (!text[connection]) return null;
  return (
    <span class={`connection ${connection}`} title="How this page gets its updates">
      <span class="dot" aria-hidden="true" />
      {text[connection]}
    </span>
  );
}

function LossPanel({ job, losses, loaded }: { job: TrainingJobView; losses: readonly LossRow[]; loaded: boolean }) {
  const charts = useMemo(
    () =>
      LOSSES.map((l, i) => {
        const c = lossColumns(losses, l.key);
        const curves: RunCurve[] = [{ label: l.title.toLowerCase(), color: colorAt(i), values: c.y }];
        return { ...l, x: c.x, curves };
      }),
    [losses],
  );
  const empty = !loaded ? "Loading…" : job.state === "queued" || job.state === "preparing" ? "Training has not started yet." : "No losses recorded yet.";
  return (
    <section class="panel" aria-labelledby="losses-title">
      <h2 id="losses-title">Losses</h2>
      <p class="help">
        One point per iteration. The bold line is smoothed (move the slider to smooth more or less); the faint one behind it is the raw value. Drag across a chart to
        zoom in, double-click to zoom out.
      </p>
      <div class="chart-grid">
        {charts.map((c) => (
          <SmoothedChart key={c.key} title={c.title} help={c.help} x={c.x} curves={c.curves} empty={empty} />
        ))}
      </div>
    </section>
  );
}

function MetricsPanel({ job, metrics, loaded }: { job: TrainingJobView; metrics: readonly MetricRow[]; loaded: boolean }) {
  const [showMelody, setShowMelody] = useState(false);
  const voices = useMemo(() => {
    const names = voiceNames(job);
    for (let k = names.length; k < voiceCount(metrics); k++) names.push(`voice ${k}`);
    return names;
  }, [job.dataset, job.architecture.tracks, job.training.conditionTrack, metrics]);
  const names = useMemo(() => metricNames(metrics, METRICS.map((m) => m.name)), [metrics]);
  const similarity = useMemo(() => {
    const c = similarityColumns(metrics);
    return { x: c.x, curves: [{ label: "similarity", color: "#e0a526", values: c.y }] as RunCurve[] };
  }, [metrics]);
  const anyReference = metrics.some((r) => Object.values(r.reference).some((v) => hasValues(v)));
  const every = job.training.metricsEvery ?? 50;
  const empty = !loaded
    ? "Loading…"
    : job.state === "queued" || job.state === "preparing"
      ? "Training has not started yet."
      : `The music is measured when training starts and then every ${every} iterations.`;
  return (
    <section class="panel" aria-labelledby="metrics-title">
      <div class="panel-head">
        <h2 id="metrics-title">Music</h2>
        <span class="spacer" />
        <label>
          <input type="checkbox" checked={showMelody} onChange={(e) => setShowMelody((e.currentTarget as HTMLInputElement).checked)} />
          Show the melody too
        </label>
      </div>
      <p class="help">
        Fixed melodies from the test part are accompanied at every measurement and their voices measured. Solid lines: the generated voices; dashed, in the same colour: the
        training data's value for that voice{anyReference || metrics.length === 0 ? "" : " (not sent by the server for this run)"}. The melody is given, not generated, so
        it is hidden unless asked for.
      </p>
      <SimilarityChart x={similarity.x} curves={similarity.curves} empty={empty} />
      {metrics.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <RunMetricCharts rows={metrics} voices={voices} names={names} showMelody={showMelody} />
      )}
    </section>
  );
}

function Recipe({ job }: { job: TrainingJobView }) {
  const rows: [string, unknown][] = [...Object.entries(job.training), ...Object.entries(job.architecture)];
  return (
    <table class="recipe-table">
      <caption class="visually-hidden">The run's training settings and network size</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <td>{k}</td>
            <td class="mono">{v === null || v === undefined ? "–" : Array.isArray(v) ? v.join(", ") || "–" : String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
