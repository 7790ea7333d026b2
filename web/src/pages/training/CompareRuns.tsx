/**
 * /training/compare?a=ID&b=ID: two runs on the same charts, each in its own colour (amber and
 * blue) and named in every legend: smoothed losses, the music per voice against the training
 * data, the similarity index, and the settings in which they differ. Either run can be changed.
 */
import { useMemo, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { TrainingJobView } from "../../api/types";
import { navigate } from "../../router";
import { alignSeries } from "../../ui/chart/data";
import { RUN_COLORS } from "../../ui/chart/palette";
import { Empty, ErrorNote, Loading } from "../../ui/feedback";
import { when } from "../../ui/format";
import { useAsync } from "../../ui/useAsync";
import { CompareMetricChart, SimilarityChart, SmoothedChart, type CompareRun, type RunCurve } from "./charts";
import { badgeClass, METRICS, progressText, stateLabel, voiceNames } from "./jobs";
import { lossColumns, LOSSES, metricColumns, metricNames, similarityColumns, voiceCount } from "./series";
import { useRun, type Run } from "./useRun";
import { ConnectionNote } from "./TrainingRun";
import "./training.css";

/** The comparison of runs <paramref name="a" /> and <paramref name="b" /> (ids; empty: choose one). */
export function CompareRuns({ a, b }: { a: string; b: string }) {
  const list = useAsync((signal) => api<TrainingJobView[]>("GET", "/api/training-jobs", { signal }), []);
  const runA = useRun(a);
  const runB = useRun(b);
  const runs = [runA, runB] as const;
  const ids = [a, b] as const;

  const change = (which: 0 | 1, id: string) => {
    const next = which === 0 ? [id, b] : [a, id];
    navigate(`/training/compare?a=${encodeURIComponent(next[0]!)}&b=${encodeURIComponent(next[1]!)}`);
  };

  const label = (i: 0 | 1) => `${i === 0 ? "A" : "B"} · ${runs[i].job?.name ?? "…"}`;
  const shown = ([0, 1] as const).filter((i) => runs[i].job !== undefined);

  return (
    <div class="page">
      <div class="page-head">
        <h1>Compare training runs</h1>
        <div class="actions">
          <a class="button" href="/training">
            Back to training runs
          </a>
        </div>
      </div>

      <section class="panel" aria-label="Runs to compare">
        {list.loading && <Loading what="Loading your training runs…" />}
        {list.error && <ErrorNote sentence={list.error} retry={list.reload} />}
        {list.value && list.value.length === 0 && (
          <Empty>
            You have no training runs to compare yet. <a href="/training/new">Start one</a>.
          </Empty>
        )}
        {list.value && list.value.length > 0 && (
          <div class="compare-pickers">
            {([0, 1] as const).map((i) => (
              <RunPicker key={i} which={i} jobs={list.value!} value={ids[i]} run={runs[i]} onChange={(id) => change(i, id)} />
            ))}
          </div>
        )}
        {a !== "" && a === b && <p class="notice">Both sides show the same run: choose another one for one of them.</p>}
        {(a === "" || b === "") && list.value && list.value.length > 0 && <p class="help">Choose {a === "" && b === "" ? "two runs" : "a second run"} to compare.</p>}
      </section>

      {shown.length > 0 && (
        <>
          <CompareLosses runs={runs} label={label} />
          <CompareMusic runs={runs} label={label} />
          <Differences runs={runs} label={label} />
        </>
      )}
    </div>
  );
}

function RunPicker({ which, jobs, value, run, onChange }: { which: 0 | 1; jobs: readonly TrainingJobView[]; value: string; run: Run; onChange: (id: string) => void }) {
  const name = which === 0 ? "A" : "B";
  const id = `run-${name}`;
  const known = jobs.some((j) => j.id === value);
  return (
    <div class="stack">
      <label class="field" for={id}>
        <span>
          <span class="swatch" style={{ background: RUN_COLORS[which] }} aria-hidden="true" />
          Run {name}
        </span>
        <select id={id} value={known ? value : ""} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
          <option value="" disabled>
            Choose a run…
          </option>
          {jobs.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name} · {stateLabel(j).toLowerCase()} · {when(j.createdAt)}
            </option>
          ))}
        </select>
      </label>
      {run.error && <ErrorNote sentence={`Run ${name}: ${run.error}`} retry={run.refresh} />}
      {run.deleted && <p class="notice">Run {name} was deleted.</p>}
      {value !== "" && !run.job && !run.error && !run.deleted && <Loading what={`Loading run ${name}…`} />}
      {run.job && (
        <p class="row small">
          <span class={badgeClass(run.job.state)}>{stateLabel(run.job)}</span>
          <span>{progressText(run.job)} iterations</span>
          <span class="muted">on {run.job.dataset}</span>
          <a href={`/training/${encodeURIComponent(run.job.id)}`}>Open</a>
          <ConnectionNote connection={run.connection} />
        </p>
      )}
    </div>
  );
}

type Runs = readonly [Run, Run];

function CompareLosses({ runs, label }: { runs: Runs; label: (i: 0 | 1) => string }) {
  const [la, lb] = [label(0), label(1)];
  const charts = useMemo(
    () =>
      LOSSES.map((l) => {
        const parts = runs.map((r) => {
          const c = lossColumns(r.losses, l.key);
          return { x: c.x, ys: [c.y] };
        });
        const aligned = alignSeries(parts);
        const curves: RunCurve[] = [];
        runs.forEach((r, i) => {
          if (r.job) curves.push({ label: i === 0 ? la : lb, color: RUN_COLORS[i]!, values: aligned.ys[i]! });
        });
        return { ...l, x: aligned.x, curves };
      }),
    [runs[0].losses, runs[1].losses, runs[0].job?.id, runs[1].job?.id, la, lb],
  );
  const loading = runs.some((r) => r.job && !r.historyLoaded);
  return (
    <section class="panel" aria-labelledby="cmp-losses">
      <h2 id="cmp-losses">Losses</h2>
      <p class="help">Each run smoothed in its colour, the raw values faint behind. Drag to zoom in, double-click to zoom out.</p>
      <div class="chart-grid">
        {charts.map((c) => (
          <SmoothedChart key={c.key} title={c.title} help={c.help} x={c.x} curves={c.curves} empty={loading ? "Loading…" : "No losses recorded yet."} />
        ))}
      </div>
    </section>
  );
}

function CompareMusic({ runs, label }: { runs: Runs; label: (i: 0 | 1) => string }) {
  const [voice, setVoice] = useState(1);
  const [la, lb] = [label(0), label(1)];
  const voices = useMemo(() => {
    const first = runs[0].job ?? runs[1].job;
    const names = first ? voiceNames(first) : [];
    const count = Math.max(voiceCount(runs[0].metrics), voiceCount(runs[1].metrics), names.length);
    for (let k = names.length; k < count; k++) names.push(`voice ${k}`);
    return names;
  }, [runs[0].job?.id, runs[1].job?.id, runs[0].metrics, runs[1].metrics]);
  const sameVoices = runs[0].job && runs[1].job ? voiceNames(runs[0].job).join() === voiceNames(runs[1].job).join() : true;

  const similarity = useMemo(() => {
    const aligned = alignSeries(runs.map((r) => {
      const c = similarityColumns(r.metrics);
      return { x: c.x, ys: [c.y] };
    }));
    const curves: RunCurve[] = [];
    runs.forEach((r, i) => {
      if (r.job) curves.push({ label: i === 0 ? la : lb, color: RUN_COLORS[i]!, values: aligned.ys[i]! });
    });
    return { x: aligned.x, curves };
  }, [runs[0].metrics, runs[1].metrics, runs[0].job?.id, runs[1].job?.id, la, lb]);

  const compareRuns = useMemo<CompareRun[]>(
    () => runs.flatMap((r, i) => (r.job ? [{ label: i === 0 ? la : lb, color: RUN_COLORS[i]!, voices: voiceNames(r.job) }] : [])),
    [runs[0].job?.id, runs[1].job?.id, la, lb],
  );
  const present = runs.filter((r) => r.job);
  const charts = useMemo(() => {
    const names = metricNames([...runs[0].metrics, ...runs[1].metrics], METRICS.map((m) => m.name));
    return names.map((name) => {
      const parts = present.map((r) => {
        const c = metricColumns(r.metrics, name, voice);
        return { x: c.x, ys: [c.generated, c.reference] };
      });
      const aligned = alignSeries(parts);
      return {
        name,
        x: aligned.x,
        generated: present.map((_, i) => aligned.ys[2 * i]!),
        reference: present.map((_, i) => aligned.ys[2 * i + 1]!),
      };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs[0].metrics, runs[1].metrics, voice, present.length]);
  const loading = runs.some((r) => r.job && !r.historyLoaded);
  const voiceName = voices[voice] ?? `voice ${voice}`;
  return (
    <section class="panel" aria-labelledby="cmp-music">
      <div class="panel-head">
        <h2 id="cmp-music">Music</h2>
        <span class="spacer" />
        <label>
          Voice
          <select value={voice} onChange={(e) => setVoice(Number((e.currentTarget as HTMLSelectElement).value))}>
            {voices.map((v, k) => (
              <option key={k} value={k}>
                {v}
                {k === 0 ? " (the melody)" : ""}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!sameVoices && <p class="notice">The runs name their voices differently; voices are matched by position (the melody first).</p>}
      <SimilarityChart x={similarity.x} curves={similarity.curves} empty={loading ? "Loading…" : "Not measured yet."} />
      <p class="help">
        The {voiceName} of each run in its colour; dashed: the training data's value (one grey line when both runs trained on the same data).
      </p>
      {charts.length === 0 ? (
        <p class="muted">{loading ? "Loading…" : "Neither run has measured its music yet."}</p>
      ) : (
        <div class="metric-grid">
          {charts.map((c) => (
            <CompareMetricChart key={c.name} name={c.name} x={c.x} runs={compareRuns} generated={c.generated} reference={c.reference} voice={voiceName} />
          ))}
        </div>
      )}
    </section>
  );
}

/** The settings in which the two runs differ. */
function Differences({ runs, label }: { runs: Runs; label: (i: 0 | 1) => string }) {
  const [ja, jb] = [runs[0].job, runs[1].job];
  if (!ja || !jb) return null;
  const flat = (j: TrainingJobView) => ({ dataset: j.dataset, ...j.training, ...j.architecture }) as Record<string, unknown>;
  const fa = flat(ja);
  const fb = flat(jb);
  const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])];
  const show = (v: unknown) => (v === null || v === undefined ? "–" : Array.isArray(v) ? v.join(", ") || "–" : String(v));
  const differing = keys.filter((k) => show(fa[k]) !== show(fb[k]));
  return (
    <section class="panel" aria-labelledby="cmp-diff">
      <h2 id="cmp-diff">Settings that differ</h2>
      {differing.length === 0 ? (
        <p class="muted">The two runs have the same settings{ja.id === jb.id ? " (it is the same run)" : ""}.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Settings in which the two runs differ</caption>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">{label(0)}</th>
              <th scope="col">{label(1)}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((k) => (
              <tr key={k}>
                <td>{k}</td>
                <td class="mono">{show(fa[k])}</td>
                <td class="mono">{show(fb[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
