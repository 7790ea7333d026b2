/** Loads data for a page: loading, the value, or the error's sentence; reload on demand or when deps change. */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/client";

/** The state of one load. */
export interface AsyncState<T> {
  value: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
  /** Replaces the value locally (after an edit the server confirmed). */
  set: (value: T) => void;
}

/** Runs <paramref name="load" /> now and whenever <paramref name="deps" /> change; stale answers are dropped. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef.current(controller.signal).then(
      (v) => {
        if (controller.signal.aborted) return;
        setValue(v);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(sentenceOf(e));
        setLoading(false);
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { value, error, loading, reload, set: setValue };
}

/** The sentence to show for any thrown value. */
export function sentenceOf(e: unknown): string {
  if (e instanceof ApiError) return e.sentence;
  if (e instanceof Error && e.message) return e.message;
  return "Something went wrong. Try again.";
}
