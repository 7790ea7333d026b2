/**
 * Two models side by side: their latest evaluations (on the same dataset and split where they
 * have them), every metric per voice in one table with Bach's reference, the value closer to it
 * marked. A model without an evaluation gets a sentence saying so and a form to evaluate it.
 */
import { useState } from "preact/hooks";
import { api } from "../../api/client";
import type { EvaluationView, ModelSummary } from "../../api/types";
import { navigate } from "../../router";
import { Empty, ErrorNote, Loading } from "../../ui/feedback";
import { metric, when } from "../../ui/format";
import { useAsync, type AsyncState } from "../../ui/useAsync";
import { EvaluateForm } from "./EvaluateForm";
import { compareReports, METRIC_HELP, metricLabel, parseReport, pickPair, tally, type CompareRow, type Report } from "./evaluation";
import { compareHref, modelPath } from "./library";
import { reportFacts } from "./ReportTable";

function useEvaluations(name: string): AsyncState<EvaluationView[]> {
  return useAsync((signal) => (name ? api<EvaluationView[]>("GET", `${modelPath(name)}/evaluations`, { signal }) : Promise.resolve([])), [name]);
}

/** The comparison of models <paramref name="a" /> and <paramref name="b" />. */
export function CompareModels({ a, b }: { a: string; b: string }) {
  const models = useAsync((signal) => api<ModelSummary[]>("GET", "/api/models", { signal }), []);
  const evalsA = useEvaluations(a);
  const evalsB = useEvaluations(b);
  // Evaluations chosen by hand (by model name, so that a new pair of models starts from the defaults).
  const [chosen, setChosen] = useState<Record<string, string>>({});

  const listA = evalsA.value ?? [];
  const listB = evalsB.value ?? [];
  const [defA, defB] = pickPair(listA, listB);
  const idA = (chosen[`a:${a}`] && listA.some((e) => e.id === chosen[`a:${a}`]) ? chosen[`a:${a}`] : defA) ?? null;
  const idB = (chosen[`b:${b}`] && listB.some((e) => e.id === chosen[`b:${b}`]) ? chosen[`b:${b}`] : defB) ?? null;
  const viewA = listA.find((e) => e.id === idA);
  const viewB = listB.find((e) => e.id === idB);
  const reportA = viewA ? parseReport(viewA.report) : null;
  const reportB = viewB ? parseReport(viewB.report) : null;

  const go = (na: string, nb: string) => navigate(compareHref(na, nb), true);
  const names = (models.value ?? []).map((m) => m.name);

  return (
    <section class="page" aria-labelledby="compare-title">
      <p class="small">
        <a href="/models">← All models</a>
      </p>
      <div class="page-head">
        <h1 id="compare-title">{a && b ? `${a} and ${b}` : "Compare models"}</h1>
      </div>

      <div class="panel row" style={{ alignItems: "flex-end" }}>
        <ModelPicker label="Model A" value={a} names={names} loading={models.loading} onChange={(n) => go(n, b)} />
        <button type="button" onClick={() => go(b, a)} disabled={!a && !b} aria-label="Swap models A and B" title="Swap A and B">
          ⇄ Swap
        </button>
        <ModelPicker label="Model B" value={b} names={names} loading={models.loading} onChange={(n) => go(a, n)} />
      </div>
      {models.error && <ErrorNote sentence={`The models could not be listed: ${models.error}`} retry={models.reload} />}

      {!a || !b ? (
        <Empty>Choose two models above to see their evaluations side by side.</Empty>
      ) : (
        <>
          <div class="grid2" style={{ marginTop: "12px" }}>
            <Side
              letter="A"
              name={a}
              state={evalsA}
              id={idA}
              onPick={(id) => setChosen({ ...chosen, [`a:${a}`]: id })}
              onEvaluated={(v) => {
                evalsA.set([v, ...listA]);
                setChosen({ ...chosen, [`a:${a}`]: v.id });
              }}
            />
            <Side
              letter="B"
              name={b}
              state={evalsB}
              id={idB}
              onPick={(id) => setChosen({ ...chosen, [`b:${b}`]: id })}
              onEvaluated={(v) => {
                evalsB.set([v, ...listB]);
                setChosen({ ...chosen, [`b:${b}`]: v.id });
              }}
            />
          </div>
          {reportA && reportB && viewA && viewB && <Comparison a={a} b={b} viewA={viewA} viewB={viewB} reportA={reportA} reportB={reportB} />}
          {((viewA && !reportA) || (viewB && !reportB)) && <ErrorNote sentence="An evaluation's report could not be read, so the two cannot be compared. Evaluate the model again." />}
        </>
      )}
    </section>
  );
}

function ModelPicker({ label, value, names, loading, onChange }: { label: string; value: string; names: string[]; loading: boolean; onChange: (n: string) => void }) {
  const options = value && !names.includes(value) ? [value, ...names] : names;
  return (
    <label class="field" style={{ flex: "1 1 200px" }}>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{loading ? "Loading the models…" : "Choose a model"}</option>
        {options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

interface SideProps {
  letter: string;
  name: string;
  state: AsyncState<EvaluationView[]>;
  id: string | null;
  onPick: (id: string) => void;
  onEvaluated: (v: EvaluationView) => void;
}

/** One model's column: which evaluation is compared, or why there is none and a form to make one. */
function Side({ letter, name, state, id, onPick, onEvaluated }: SideProps) {
  const list = state.value ?? [];
  const view = list.find((e) => e.id === id);
  const report = view ? parseReport(view.report) : null;
  const [again, setAgain] = useState(false);
  return (
    <div class="panel stack" aria-label={`Model ${letter}: ${name}`} style={{ marginTop: 0 }}>
      <h2 style={{ marginTop: 0 }}>
        {letter}: <a href={`/models/${encodeURIComponent(name)}`}>{name}</a>
      </h2>
      {state.loading && !state.value && <Loading what={`Loading the evaluations of ${name}…`} />}
      {state.error && <ErrorNote sentence={state.error} retry={state.reload} />}
      {state.value && list.length === 0 && (
        <>
          <p class="notice">{name} has not been evaluated yet, so there is nothing to compare it on. Evaluate it here (about a minute):</p>
          <EvaluateForm model={name} idPrefix={`cmp-${letter}`} onDone={onEvaluated} />
        </>
      )}
      {list.length > 0 && (
        <>
          <label class="field">
            <span>Evaluation</span>
            <select value={id ?? ""} onChange={(e) => onPick(e.currentTarget.value)}>
              {list.map((e, i) => (
                <option key={e.id} value={e.id}>
                  {when(e.createdAt)} · {e.dataset} {e.split}
                  {i === 0 ? " (latest)" : ""}
                </option>
              ))}
            </select>
          </label>
          {report && <p class="help">{reportFacts(report)}</p>}
          <div>
            <button type="button" class="link" aria-expanded={again} onClick={() => setAgain(!again)}>
              {again ? "Hide the evaluation form" : `Evaluate ${name} again…`}
            </button>
          </div>
          {again && (
            <EvaluateForm
              model={name}
              idPrefix={`cmp-${letter}`}
              onDone={(v) => {
                setAgain(false);
                onEvaluated(v);
              }}
            />
          )}
        </>
      )}
    </div>
  );
}

const closerStyle = { color: "var(--ok)", fontWeight: 600 };

function Value({ value, isCloser, tie }: { value: number | null; isCloser: boolean; tie: boolean }) {
  return (
    <td class="num" style={isCloser ? closerStyle : undefined}>
      {isCloser && (
        <span aria-hidden="true" title="Closer to Bach">
          ●{" "}
        </span>
      )}
      {metric(value)}
      {isCloser && <span class="visually-hidden"> (closer to Bach)</span>}
      {tie && <span class="visually-hidden"> (as close to Bach as the other)</span>}
    </td>
  );
}

function reference(r: CompareRow): string {
  if (r.refA !== null && r.refB !== null && Math.abs(r.refA - r.refB) > 1e-9) return `${metric(r.refA)} / ${metric(r.refB)}`;
  return metric(r.refA ?? r.refB);
}

/** The table of every figure of both evaluations. */
function Comparison({ a, b, viewA, viewB, reportA, reportB }: { a: string; b: string; viewA: EvaluationView; viewB: EvaluationView; reportA: Report; reportB: Report }) {
  const rows = compareReports(reportA, reportB);
  const t = tally(rows);
  const sameData = viewA.dataset === viewB.dataset && viewA.split === viewB.split;
  const sameCleanup = reportA.raw === reportB.raw;
  const nameA = a === b ? `${a} (A)` : a;
  const nameB = a === b ? `${b} (B)` : b;
  let lastMetric = "";
  return (
    <div class="panel stack" style={{ marginTop: "12px" }}>
      <h2 style={{ marginTop: 0 }} id="comparison-title">
        Side by side
      </h2>
      {!sameData && (
        <p class="notice">
          {nameA} was evaluated on {viewA.dataset} {viewA.split} and {nameB} on {viewB.dataset} {viewB.split}: Bach's references differ, so each value is compared
          with its own (both are shown as A / B). Evaluate both on the same split for a fair comparison.
        </p>
      )}
      {sameData && reportA.windows !== reportB.windows && (
        <p class="notice">
          The evaluations accompanied different numbers of windows ({reportA.windows ?? "?"} and {reportB.windows ?? "?"}), so Bach's references differ slightly (shown as A / B);
          evaluate both with the same number for the fairest comparison.
        </p>
      )}
      {sameData && !sameCleanup && <p class="notice">One evaluation measured raw voices and the other cleaned-up ones: they differ in more than the model.</p>}
      <p role="status">
        {t.total === 0
          ? "No figure can be compared: the evaluations have no values in common."
          : `${nameA} is closer to Bach on ${t.a} of ${t.total} figures, ${nameB} on ${t.b}${t.tie ? `; ${t.tie} are equally close` : ""}.`}{" "}
        <span class="muted">
          ● marks the value closer to Bach's. Closer is not always better for every metric, but a model that writes like Bach should come close on most.
        </span>
      </p>
      <div style={{ overflowX: "auto" }}>
        <table aria-labelledby="comparison-title">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Voice</th>
              <th scope="col" class="num">
                A: {a}
              </th>
              <th scope="col" class="num">
                B: {b}
              </th>
              <th scope="col" class="num" title="The same figure measured on Bach's own voices for the same melodies">
                Bach (reference)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const first = r.metric !== lastMetric;
              lastMetric = r.metric;
              return (
                <tr key={`${r.metric}-${r.voice ?? "all"}`} style={first ? { borderTop: "2px solid var(--line)" } : undefined}>
                  <th scope="row" title={METRIC_HELP[r.metric]} class={first ? undefined : "muted"} style={{ fontWeight: first ? 600 : 400 }}>
                    {first ? metricLabel(r.metric) : <span class="visually-hidden">{metricLabel(r.metric)}</span>}
                  </th>
                  <td>{r.voice ?? "all voices"}</td>
                  <Value value={r.a} isCloser={r.closer === "a"} tie={r.closer === "tie"} />
                  <Value value={r.b} isCloser={r.closer === "b"} tie={r.closer === "tie"} />
                  <td class="num muted">{reference(r)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="help">
        The similarity index's reference is Bach's own ceiling (the train split's voices against the evaluated split's). – marks a figure that is undefined.
      </p>
    </div>
  );
}
