/** A modal confirmation (a native <dialog>: focus is trapped and Escape cancels). */
import { render } from "preact";

/** Asks <paramref name="question" />; resolves true when confirmed. */
export function confirmAction(question: string, detail: string, action = "Delete"): Promise<boolean> {
  return new Promise((resolve) => {
    const host = document.createElement("div");
    document.body.appendChild(host);
    const close = (answer: boolean) => {
      render(null, host);
      host.remove();
      resolve(answer);
    };
    render(
      <dialog
        class="confirm"
        ref={(d) => {
          if (d && !d.open) d.showModal();
        }}
        onCancel={(e) => {
          e.preventDefault();
          close(false);
        }}
        aria-labelledby="confirm-title"
      >
        <h2 id="confirm-title">{question}</h2>
        <p>{detail}</p>
        <div class="row end">
          <button type="button" onClick={() => close(false)} autofocus>
            Cancel
          </button>
          <button type="button" class="danger" onClick={() => close(true)}>
            {action}
          </button>
        </div>
      </dialog>,
      host,
    );
  });
}
