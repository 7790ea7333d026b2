/**
 * /training: your training runs, newest first. Running ones update every few seconds; select two
 * to compare them; start a new one.
 */
import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { TrainingJobView } from "../../api/types";
import { navigate } from "../../router";
import { Empty, ErrorNote, Loading, Progress } from "../../ui/feedback";
import { when } from "../../ui/format";
import { sentenceOf, useAsync } from "../../ui/useAsync";
import { badgeClass, etaText, isLive, progressFraction, progressText, stateLabel } from "./jobs";
import "./training.css";

/** How often the list asks again while a run is queued or running. */
const LIST_POLL_MS = 3000;

/** The list of training runs. */
export function Training() {
  const list = useAsync((signal) => api<TrainingJobView[]>("GET", "/api/training-jobs", { signal }), []);
  const [selected, setSelected] = useState<string[]>([]);
  const [stale, setStale] = useState<string | undefined>(undefined);
  const [retry, setRetry] = useState(0);
  const jobs = list.value;
  const anyLive = jobs?.some((j) => isLive(j)) ?? false;

  // Quietly ask again while something runs (the list itself is not streamed).
  useEffect(() => {
    if (!anyLive) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<TrainingJobView[]>("GET", "/api/training-jobs", { signal: controller.signal }).then(
        (v) => {
          setStale(undefined);
          list.set(v);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setStale(`The list could not be updated: ${sentenceOf(e)}`);
          setRetry((r) => r + 1);
        },
      );
    }, LIST_POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobs, anyLive, retry]);

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const rest = s.filter((x) => x !== id);
      // Two at most: choosing a third lets go of the first chosen.
      return on ? [...rest, id].slice(-2) : rest;
    });
  const present = selected.filter((id) => jobs?.some((j) => j.id === id));
  const compare = () => {
    const [a, b] = present;
    if (a && b) navigate(`/training/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
  };

  return (
    <div class="page">
      <div class="page-head">
        <h1>Training</h1>
        <div class="actions">
          {jobs && jobs.length > 0 && (
            <button type="button" onClick={compare} disabled={present.length !== 2} title="Select two runs in the table to compare them">
              Compare{present.length > 0 ? ` (${present.length} of 2)` : ""}
            </button>
          )}
          <a class="button primary" href="/training/new">
            New training
          </a>
        </div>
      </div>
      {list.loading && !jobs && <Loading what="Loading your training runs…" />}
      {list.error && <ErrorNote sentence={list.error} retry={list.reload} />}
      {jobs && jobs.length === 0 && <EmptyTraining />}
      {jobs && jobs.length > 0 && (
        <div class="panel">
          {stale && <p class="notice" role="status">{stale}</p>}
          <table class="runs-table">
            <caption class="visually-hidden">Your training runs, newest first. Select two to compare them.</caption>
            <thead>
              <tr>
                <th class="select" scope="col">
                  <span class="visually-hidden">Select to compare</span>
                </th>
                <th scope="col">Name</th>
                <th scope="col">Dataset</th>
                <th scope="col">State</th>
                <th scope="col">Iterations</th>
                <th scope="col">Time left</th>
                <th scope="col">Started</th>
                <th scope="col">Model</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => {
                const on = present.includes(j.id);
                return (
                  <tr key={j.id} class={on ? "selected" : undefined}>
                    <td class="select">
                      <input type="checkbox" checked={on} aria-label={`Select ${j.name} to compare`} onChange={(e) => toggle(j.id, (e.currentTarget as HTMLInputElement).checked)} />
                    </td>
                    <td>
                      <a href={`/training/${encodeURIComponent(j.id)}`}>{j.name}</a>
                    </td>
                    <td>{j.dataset}</td>
                    <td>
                      <span class={badgeClass(j.state)}>{stateLabel(j)}</span>
                    </td>
                    <td class="progress-cell">
                      <Progress value={progressFraction(j)} label={progressText(j)} />
                    </td>
                    <td>{etaText(j)}</td>
                    <td>{j.startedAt ? when(j.startedAt) : <span class="muted">not yet</span>}</td>
                    <td>
                      {j.resultModel ? (
                        <a href={`/models/${encodeURIComponent(j.resultModel)}`}>{j.resultModel}</a>
                      ) : (
                        <span class="muted">{j.state === "failed" || j.state === "canceled" ? "none" : "when done"}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="help">Select two runs to compare their curves side by side. Running runs update by themselves.</p>
        </div>
      )}
    </div>
  );
}

function EmptyTraining() {
  return (
    <Empty>
      <p>
        <strong>No training runs yet.</strong>
      </p>
      <p>
        Training teaches a model of your own: a generator learns to write the accompanying voices of music in a dataset while a critic learns to tell its attempts
        from the real thing. You can watch both learn here, with the losses, music measurements and samples drawn as it goes; when it is done, the model is
        yours to compose with.
      </p>
      <p>
        <a class="button primary" href="/training/new">
          Start a training run
        </a>
      </p>
    </Empty>
  );
}
