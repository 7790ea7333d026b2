/** Short notices that come and go (saved, copied, refused), announced to screen readers. */
import { signal } from "@preact/signals";

interface Toast {
  id: number;
  text: string;
  kind: "info" | "error";
}

const toasts = signal<Toast[]>([]);
let nextId = 1;

/** Shows <paramref name="text" /> for a few seconds (errors stay longer). */
export function notify(text: string, kind: "info" | "error" = "info"): void {
  const id = nextId++;
  toasts.value = [...toasts.value, { id, text, kind }];
  setTimeout(() => (toasts.value = toasts.value.filter((t) => t.id !== id)), kind === "error" ? 9000 : 3500);
}

/** Where notices appear. */
export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.value.map((t) => (
        <div key={t.id} class={`toast ${t.kind}`}>
          {t.text}
        </div>
      ))}
    </div>
  );
}
