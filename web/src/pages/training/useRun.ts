/**
 * A training run, live: the job, its losses, metrics and samples. While the job may still change,
 * the page follows /api/training-jobs/{id}/events (EventSource reconnects by itself; the stream
 * resends the whole history at each connection, which replaces what the page holds). When the
 * stream cannot be had, the page asks every 2 s instead. Everything stops on unmount.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api/client";
import type { TrainingJobView } from "../../api/types";
import { sentenceOf } from "../../ui/useAsync";
import { EVENT_NAMES, parseRunEvent } from "./events";
import { isLive } from "./jobs";
import { lastIteration, mergeByIteration, toLoss, toMetric, toRows, toSample, type LossRow, type MetricRow, type SampleRow } from "./series";

/** How the page gets its updates. */
export type Connection = "loading" | "live" | "reconnecting" | "polling" | "ended";

/** A run as a page sees it. */
export interface Run {
  job: TrainingJobView | undefined;
  losses: LossRow[];
  metrics: MetricRow[];
  samples: SampleRow[];
  /** True once the history has been read (before: the charts say "loading", not "nothing yet"). */
  historyLoaded: boolean;
  /** Why the job could not be shown at all. */
  error: string | undefined;
  /** True when the job was deleted (here or elsewhere). */
  deleted: boolean;
  connection: Connection;
  /** A passing problem with the updates, in words. */
  problem: string | undefined;
  /** Starts over: reads the job again and follows it (after a resume). */
  refresh: () => void;
  /** Shows a job the server just returned (after cancel). */
  setJob: (job: TrainingJobView) => void;
}

/** The stream's address for a job. */
export function eventsUrl(id: string): string {
  return `/api/training-jobs/${encodeURIComponent(id)}/events`;
}

/** Follows training job <paramref name="id" /> (empty: nothing). */
export function useRun(id: string, pollMs = 2000): Run {
  const [job, setJob] = useState<TrainingJobView | undefined>(undefined);
  const [losses, setLosses] = useState<LossRow[]>([]);
  const [metrics, setMetrics] = useState<MetricRow[]>([]);
  const [samples, setSamples] = useState<SampleRow[]>([]);
  const [historyLoaded, setHistoryLoaded] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [deleted, setDeleted] = useState(false);
  const [connection, setConnection] = useState<Connection>("loading");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const shownId = useRef(id);

  useEffect(() => {
    if (shownId.current !== id) {
      // Another job: forget the last one's data.
      shownId.current = id;
      setJob(undefined);
      setLosses([]);
      setMetrics([]);
      setSamples([]);
      setHistoryLoaded(false);
      setDeleted(false);
      setConnection("loading");
    }
    if (!id) {
      setConnection("ended");
      return;
    }
    let disposed = false;
    const controller = new AbortController();
    const { signal } = controller;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cursor = { losses: -1, metrics: -1, samples: -1 };
    // After (re)connecting, the stream's first losses and metrics are the whole history.
    let fresh = { losses: false, metrics: false };
    let attempts: number | undefined;
    let errors = 0;
    const base = `/api/training-jobs/${encodeURIComponent(id)}`;

    const takeLosses = (rows: LossRow[], replace: boolean) => {
      if (rows.length === 0 && !replace) return;
      cursor.losses = replace ? lastIteration(rows) : Math.max(cursor.losses, lastIteration(rows));
      setLosses((prev) => (replace ? rows : mergeByIteration(prev, rows)));
    };
    const takeMetrics = (rows: MetricRow[], replace: boolean) => {
      if (rows.length === 0 && !replace) return;
      cursor.metrics = replace ? lastIteration(rows) : Math.max(cursor.metrics, lastIteration(rows));
      setMetrics((prev) => (replace ? rows : mergeByIteration(prev, rows)));
    };
    const takeSamples = (rows: SampleRow[]) => {
      if (rows.length === 0) return;
      cursor.samples = Math.max(cursor.samples, lastIteration(rows));
      setSamples((prev) => mergeByIteration(prev, rows));
    };
    const stopStream = () => {
      source?.close();
      source = null;
    };
    /** Shows the job; true when another run attempt took it over (its history after the checkpoint was redone). */
    const takeJob = (j: TrainingJobView): boolean => {
      setJob(j);
      const restarted = attempts !== undefined && j.attempts !== attempts;
      attempts = j.attempts;
      if (!isLive(j)) {
        stopStream();
        setConnection("ended");
      }
      return restarted;
    };

    const connect = () => {
      if (typeof EventSource === "undefined") {
        poll();
        return;
      }
      stopStream();
      const es = new EventSource(eventsUrl(id));
      source = es;
      es.onopen = () => {
        if (source !== es) return;
        errors = 0;
        fresh = { losses: true, metrics: true };
        setConnection("live");
        setProblem(undefined);
      };
      for (const name of EVENT_NAMES) {
        es.addEventListener(name, (e) => {
          if (disposed || source !== es) return;
          const event = parseRunEvent(name, (e as MessageEvent<string>).data);
          if (!event) return;
          errors = 0;
          switch (event.kind) {
            case "job":
              setHistoryLoaded(true);
              if (takeJob(event.job) && isLive(event.job)) connect(); // a new attempt: read its history afresh
              break;
            case "losses":
              takeLosses(event.rows, fresh.losses);
              fresh.losses = false;
              break;
            case "metrics":
              takeMetrics(event.rows, fresh.metrics);
              fresh.metrics = false;
              break;
            case "sample":
              takeSamples([event.sample]);
              break;
            case "deleted":
              setDeleted(true);
              stopStream();
              setConnection("ended");
              break;
          }
        });
      }
      es.onerror = () => {
        if (disposed || source !== es) return;
        errors++;
        if (es.readyState === EventSource.CLOSED || errors >= 3) {
          // The stream was refused or keeps dropping: ask every few seconds instead.
          stopStream();
          poll();
        } else {
          setConnection("reconnecting");
        }
      };
    };

    const poll = () => {
      setConnection("polling");
      let replace = false;
      const tick = async () => {
        try {
          const [j, l, m, s] = await Promise.all([
            api<TrainingJobView>("GET", base, { signal }),
            api<unknown>("GET", `${base}/losses?after=${replace ? -1 : cursor.losses}`, { signal }),
            api<unknown>("GET", `${base}/metrics?after=${replace ? -1 : cursor.metrics}`, { signal }),
            api<unknown>("GET", `${base}/samples?after=${cursor.samples}`, { signal }),
          ]);
          if (disposed) return;
          takeLosses(toRows(l, toLoss), replace);
          takeMetrics(toRows(m, toMetric), replace);
          takeSamples(toRows(s, toSample));
          setHistoryLoaded(true);
          setProblem(undefined);
          replace = takeJob(j);
          if (!isLive(j)) return;
        } catch (e) {
          if (disposed || signal.aborted) return;
          if (e instanceof ApiError && e.status === 404) {
            setDeleted(true);
            setConnection("ended");
            return;
          }
          setProblem(`Updates paused: ${sentenceOf(e)} Trying again…`);
        }
        timer = setTimeout(() => void tick(), pollMs);
      };
      void tick();
    };

    const start = async () => {
      try {
        const j = await api<TrainingJobView>("GET", base, { signal });
        if (disposed) return;
        takeJob(j);
        if (isLive(j)) {
          connect();
          return;
        }
        const [l, m, s] = await Promise.all([
          api<unknown>("GET", `${base}/losses`, { signal }),
          api<unknown>("GET", `${base}/metrics`, { signal }),
          api<unknown>("GET", `${base}/samples`, { signal }),
        ]);
        if (disposed) return;
        takeLosses(toRows(l, toLoss), true);
        takeMetrics(toRows(m, toMetric), true);
        takeSamples(toRows(s, toSample));
        setHistoryLoaded(true);
        setConnection("ended");
      } catch (e) {
        if (disposed || signal.aborted) return;
        setError(sentenceOf(e));
        setConnection("ended");
      }
    };
    setError(undefined);
    void start();

    return () => {
      disposed = true;
      controller.abort();
      stopStream();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [id, generation, pollMs]);

  const refresh = useCallback(() => {
    setDeleted(false);
    setConnection("loading");
    setGeneration((g) => g + 1);
  }, []);
  return { job, losses, metrics, samples, historyLoaded, error, deleted, connection, problem, refresh, setJob };
}

/** The time now, renewed every <paramref name="ms" /> while <paramref name="active" />. */
export function useNow(ms: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms, active]);
  return now;
}
