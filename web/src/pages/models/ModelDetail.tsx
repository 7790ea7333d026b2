/**
 * One model: what it is, its architecture and clean-up settings, its headline, the training run
 * that produced it and the model it was cloned from, its evaluations (newest first, each with
 * its whole report) and a form to evaluate it again; the same actions as the list.
 */
import { useState } from "preact/hooks";
import { api } from "../../api/client";
import type { EvaluationView, ModelSummary, TrainingJobView } from "../../api/types";
import { navigate } from "../../router";
import { Empty, ErrorNote, Loading } from "../../ui/feedback";
import { metric, when } from "../../ui/format";
import { useAsync } from "../../ui/useAsync";
import { EvaluateForm } from "./EvaluateForm";
import { headlineOf, headlineOfReport, parseReport } from "./evaluation";
import { HeadlineView } from "./Headline";
import { compareHref, modelPath, noteName } from "./library";
import { ModelActions } from "./ModelActions";
import { ReportTable, reportFacts } from "./ReportTable";
import { TrainingCurves } from "./TrainingCurves";

/** The page of model <paramref name="name" />. */
export function ModelDetail({ name }: { name: string }) {
  const model = useAsync((signal) => api<ModelSummary>("GET", modelPath(name), { signal }), [name]);
  const evaluations = useAsync((signal) => api<EvaluationView[]>("GET", `${modelPath(name)}/evaluations`, { signal }), [name]);
  const jobs = useAsync((signal) => api<TrainingJobView[]>("GET", "/api/training-jobs", { signal }), []);

  if (model.loading && !model.value) return <Loading what={`Loading the model ${name}…`} />;
  if (model.error || !model.value)
    return (
      <section class="page narrow">
        <h1>{name}</h1>
        <ErrorNote sentence={model.error ?? "The model could not be loaded."} retry={model.reload} />
        <p>
          <a href="/models">All models</a>
        </p>
      </section>
    );
  const m = model.value;
  const arch = m.architecture;
  const madeBy = jobs.value?.find((j) => j.resultModel === m.name);
  const recorded = headlineOf(m.evaluation, m.voiceNames);
  const latest = evaluations.value?.[0];
  const latestReport = latest ? parseReport(latest.report) : null;
  const latestHeadline = latestReport ? headlineOfReport(latestReport) : latest ? headlineOf(latest.headline) : null;

  return (
    <section class="page" aria-labelledby="model-title">
      <p class="small">
        <a href="/models">← All models</a>
      </p>
      <div class="page-head">
        <h1 id="model-title">{m.name}</h1>
        {m.isSample && <span class="tag sample">sample</span>}
        {m.genre && <span class="tag">{m.genre}</span>}
        <div class="actions">
          <a class="button" href={compareHref(m.name, "")}>
            Compare with another model…
          </a>
        </div>
      </div>
      <div class="panel">
        <ModelActions
          model={m}
          onCloned={(clone) => navigate(`/models/${encodeURIComponent(clone.name)}`)}
          onUpdated={(updated, oldName) => {
            if (updated.name !== oldName) navigate(`/models/${encodeURIComponent(updated.name)}`, true);
            else model.set(updated);
          }}
          onDeleted={() => navigate("/models")}
        />
      </div>

      <div class="grid2" style={{ marginTop: "12px" }}>
        <div class="panel stack">
          <h2 style={{ marginTop: 0 }}>About</h2>
          {m.description ? <p>{m.description}</p> : <p class="muted">No description{m.isSample ? "." : ": Edit… adds one."}</p>}
          <Facts
            label={`About ${m.name}`}
            rows={[
              ["Kind", m.isSample ? "Sample model shipped with Cantus (read-only)" : "Your model"],
              ["Genre", m.genre ?? "–"],
              ["Tags", m.tags.length ? m.tags.join(", ") : "none"],
              ["Voices", m.voiceNames.length ? `${m.voiceNames.join(", ")} (the first is the melody)` : "–"],
              ["Iterations trained", m.iterations === null ? "unknown" : m.iterations.toLocaleString()],
              ["Critic", m.hasCritic ? "stored: it can rank several candidates when composing" : "not stored: composing keeps the first candidate"],
            ]}
          />
          <Lineage model={m} jobs={jobs.value} jobsError={jobs.error} jobsLoading={jobs.loading} retry={jobs.reload} />
        </div>
        <div class="panel stack" style={{ marginTop: 0 }}>
          <h2 style={{ marginTop: 0 }}>Architecture</h2>
          <Facts
            label={`Architecture of ${m.name}`}
            rows={[
              ["Window", arch.steps === undefined ? "–" : `${arch.steps} steps of a sixteenth (${arch.steps / 16} bars of 4/4)`],
              [
                "Pitch range",
                arch.lowestPitch === undefined || arch.pitches === undefined
                  ? "–"
                  : `${noteName(arch.lowestPitch)} to ${noteName(arch.lowestPitch + arch.pitches - 1)} (${arch.pitches} pitches from MIDI ${arch.lowestPitch})`,
              ],
              ["Tracks", arch.tracks === undefined ? "–" : `${arch.tracks}, the melody included`],
              ["Generator filters", arch.filters === undefined ? "–" : `${arch.filters} (layers of ${arch.filters}, ${arch.filters * 2}, ${arch.filters * 4}, ${arch.filters * 8})`],
              ["Critic filters", arch.criticFilters == null ? "as the generator" : String(arch.criticFilters)],
              ["Melody octaves", arch.conditionOctaves == null || arch.conditionOctaves <= 1 ? "the melody alone" : `the melody and ${arch.conditionOctaves - 1} octave copies below`],
              ["Latent channels", arch.latentChannels === undefined ? "–" : String(arch.latentChannels)],
            ]}
          />
          <h2>Clean-up</h2>
          {m.cleanup ? (
            <Facts
              label={`Clean-up settings of ${m.name}`}
              rows={[
                ["Threshold", `${metric(m.cleanup.threshold)} (a cell sounds when its output passes this, −1..1)`],
                ["Key penalty", `${metric(m.cleanup.keyPenalty)} (taken from notes outside the melody's key)`],
                ["Calibrated on", m.cleanup.calibratedOn ?? "–"],
              ]}
            />
          ) : (
            <p class="muted">Not calibrated: composing uses the default clean-up settings.</p>
          )}
        </div>
      </div>

      {madeBy && <CurvesPanel job={madeBy} model={m.name} />}

      <div class="panel stack" style={{ marginTop: "12px" }}>
        <h2 style={{ marginTop: 0 }}>Headline</h2>
        {recorded || !latest ? (
          <>
            <p class="help">The figures its model.json records (written when it was trained or shipped).</p>
            <HeadlineView headline={recorded} label={`Headline of ${m.name}`} empty="Not evaluated yet: evaluate it below." />
          </>
        ) : (
          <>
            <p class="help">
              From its latest evaluation ({latest.dataset} {latest.split}, {when(latest.createdAt)}); its model.json records no figures.
            </p>
            <HeadlineView headline={latestHeadline} label={`Headline of ${m.name}`} />
          </>
        )}
      </div>

      <div class="panel stack" style={{ marginTop: "12px" }}>
        <h2 style={{ marginTop: 0 }} id="evaluations-title">
          Evaluations
        </h2>
        <EvaluateForm
          model={m.name}
          idPrefix="detail-eval"
          onDone={(view) => evaluations.set([view, ...(evaluations.value ?? []).filter((e) => e.id !== view.id)])}
        />
        {evaluations.loading && !evaluations.value && <Loading what="Loading the evaluations…" />}
        {evaluations.error && <ErrorNote sentence={evaluations.error} retry={evaluations.reload} />}
        {evaluations.value &&
          (evaluations.value.length === 0 ? (
            <Empty>{m.name} has not been evaluated here yet. Evaluate it above to measure its voices against Bach's.</Empty>
          ) : (
            <ol class="stack" aria-labelledby="evaluations-title" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {evaluations.value.map((e, i) => (
                <li key={e.id}>
                  <EvaluationItem view={e} open={i === 0} />
                </li>
              ))}
            </ol>
          ))}
      </div>
    </section>
  );
}

/** The curves of the run that made the model, drawn when opened. */
function CurvesPanel({ job, model }: { job: TrainingJobView; model: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details class="panel" style={{ marginTop: "12px" }} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Training curves of the run <strong>{job.name}</strong>
      </summary>
      {open && (
        <div class="stack" style={{ marginTop: "8px" }}>
          <TrainingCurves jobId={job.id} runName={job.name} model={model} />
          <p class="help">
            Drag across a chart to zoom in, double-click to zoom out. <a href={`/training/${encodeURIComponent(job.id)}`}>The run's page</a> has every metric and its samples.
          </p>
        </div>
      )}
    </details>
  );
}

/** A two-column list of facts. */
function Facts({ rows, label }: { rows: [string, string][]; label: string }) {
  return (
    <table>
      <caption class="visually-hidden">{label}</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row" style={{ width: "34%" }}>
              {k}
            </th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where the model came from: the training run that made it, the model it was cloned from, runs started from it. */
function Lineage({ model, jobs, jobsError, jobsLoading, retry }: { model: ModelSummary; jobs: TrainingJobView[] | undefined; jobsError: string | undefined; jobsLoading: boolean; retry: () => void }) {
  const made = jobs?.find((j) => j.resultModel === model.name);
  const from = jobs?.filter((j) => model.id !== null && j.baseModel === model.id) ?? [];
  return (
    <>
      <h3>Where it comes from</h3>
      {model.parent && (
        <p>
          Cloned from <a href={`/models/${encodeURIComponent(model.parent)}`}>{model.parent}</a>.
        </p>
      )}
      {jobsLoading && !jobs && <Loading what="Looking for the training run…" />}
      {jobsError && <ErrorNote sentence={`The training runs could not be listed: ${jobsError}`} retry={retry} />}
      {jobs &&
        (made ? (
          <p>
            Made by the training run <a href={`/training/${encodeURIComponent(made.id)}`}>{made.name}</a> on {made.dataset} ({made.progress.iterations.toLocaleString()}{" "}
            iterations, finished {when(made.finishedAt)}). Its samples and every curve are on that run's page.
          </p>
        ) : (
          !model.parent && (
            <p class="muted">
              {model.isSample ? "A sample model shipped with Cantus; it was not trained on this server." : "Not trained on this server (uploaded), or its training run has been deleted."}
            </p>
          )
        ))}
      {from.length > 0 && (
        <p>
          Training runs started from it:{" "}
          {from.map((j, i) => (
            <span key={j.id}>
              {i > 0 && ", "}
              <a href={`/training/${encodeURIComponent(j.id)}`}>{j.name}</a> <span class="muted">({j.state})</span>
            </span>
          ))}
          .
        </p>
      )}
    </>
  );
}

/** One kept evaluation: its headline, and its whole report on demand. */
function EvaluationItem({ view, open }: { view: EvaluationView; open: boolean }) {
  const [expanded, setExpanded] = useState(open);
  const report = parseReport(view.report);
  const headline = report ? headlineOfReport(report) : headlineOf(view.headline);
  const label = `Evaluation of ${view.model} on ${view.dataset} ${view.split}, ${when(view.createdAt)}`;
  return (
    <article class="panel stack" aria-label={label} style={{ background: "var(--panel-2)" }}>
      <div class="row">
        <strong>
          {view.dataset} · {view.split}
        </strong>
        <span class="muted">{when(view.createdAt)}</span>
      </div>
      {report && <p class="help">{reportFacts(report)}</p>}
      <HeadlineView headline={headline} label={label} />
      {report && (
        <details open={expanded} onToggle={(e) => setExpanded(e.currentTarget.open)}>
          <summary>Every metric per voice</summary>
          {expanded && <ReportTable report={report} label={label} />}
        </details>
      )}
    </article>
  );
}
