/** Loading, empty and error states, the same on every page. */
import type { ComponentChildren } from "preact";

/** A spinner with what is happening. */
export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {what}
    </p>
  );
}

/** A sentence saying what went wrong, with an optional retry. */
export function ErrorNote({ sentence, retry }: { sentence: string; retry?: () => void }) {
  return (
    <div class="error-note" role="alert">
      <span>{sentence}</span>
      {retry && (
        <button type="button" class="link" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** What to show where a list is empty, and what to do about it. */
export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

/** A progress bar with a label (value 0..1, or undefined for "working"). */
export function Progress({ value, label }: { value: number | undefined; label: string }) {
  return (
    <div class="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value === undefined ? undefined : Math.round(value * 100)}>
      <div class={value === undefined ? "bar indeterminate" : "bar"} style={value === undefined ? undefined : { width: `${Math.max(0, Math.min(1, value)) * 100}%` }} />
      <span>{label}</span>
    </div>
  );
}
