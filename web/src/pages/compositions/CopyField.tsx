/**
 * A value to copy (a share address, a token, a command): shown in a read-only field that selects
 * itself on focus, with a Copy button. The clipboard API needs a secure context (https or
 * localhost); elsewhere the field's selection is copied the old way, or left selected for Ctrl+C.
 */
import { useRef, useState } from "preact/hooks";
import { notify } from "../../ui/toast";

/** Copies <paramref name="text" />; false when the browser refused (the text is then left selected). */
export async function copyText(text: string, field?: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall back to the selection below.
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

/** A labelled read-only value with a Copy button. */
export function CopyField({ label, value, multiline = false, what }: { label: string; value: string; multiline?: boolean; what: string }) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const ok = await copyText(value, ref.current);
    setCopied(ok);
    notify(ok ? `Copied the ${what}.` : `The browser did not allow copying: the ${what} is selected, press Ctrl+C (⌘C) to copy it.`, ok ? "info" : "error");
    if (ok) setTimeout(() => setCopied(false), 2000);
  };
  const select = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => e.currentTarget.select();
  return (
    <div class="row" style={{ alignItems: "flex-end", flexWrap: "nowrap" }}>
      <label class="field" style={{ flex: 1, minWidth: 0 }}>
        <span>{label}</span>
        {multiline ? (
          <textarea ref={ref} readOnly value={value} rows={Math.min(6, value.split("\n").length + 1)} class="mono" onFocus={select} spellcheck={false} style={{ resize: "vertical" }} />
        ) : (
          <input ref={ref} readOnly value={value} class="mono" onFocus={select} spellcheck={false} />
        )}
      </label>
      <button type="button" onClick={() => void copy()} aria-label={`Copy the ${what}`}>
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}
