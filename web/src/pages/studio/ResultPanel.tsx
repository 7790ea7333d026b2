/** The composition: saved state, downloads (MIDI, WAV), and its share link. */
import { useState } from "preact/hooks";
import { api } from "../../api/client";
import type { ShareDto } from "../../api/types";
import { notify } from "../../ui/toast";
import { sentenceOf } from "../../ui/useAsync";
import type { StudioState } from "./studioState";

/** Props: the state and the save status line. */
export function ResultPanel({ state, saving, saveProblem, onSaveNow }: { state: StudioState; saving: boolean; saveProblem: string | null; onSaveNow: () => Promise<void> }) {
  const c = state.composition.value;
  const [share, setShare] = useState<string | null>(null);
  if (!c) return null;
  const shareUrl = share ?? (c.links.share ? new URL(c.links.share.replace(/^\/api\/shared\//, "/shared/"), window.location.origin).toString() : null);
  const download = async (e: Event, href: string) => {
    if (!state.unsaved.value) return;
    // Edits not saved yet: save first, so that the file holds what is on screen.
    e.preventDefault();
    await onSaveNow();
    window.location.assign(href);
  };
  const createShare = async () => {
    try {
      const s = await api<ShareDto>("POST", `/api/compositions/${encodeURIComponent(c.id)}/share`);
      const url = new URL(`/shared/${s.token}`, window.location.origin).toString();
      setShare(url);
      state.composition.value = { ...c, shared: true, links: { ...c.links, share: `/api/shared/${s.token}` } };
      notify("Share link created: anyone with it can listen and download.");
    } catch (e) {
      notify(sentenceOf(e), "error");
    }
  };
  const revoke = async () => {
    try {
      await api<void>("DELETE", `/api/compositions/${encodeURIComponent(c.id)}/share`);
      setShare(null);
      state.composition.value = { ...c, shared: false, links: { ...c.links, share: null } };
      notify("Share link revoked: it no longer opens.");
    } catch (e) {
      notify(sentenceOf(e), "error");
    }
  };
  return (
    <section class="panel" aria-labelledby="result-title">
      <h2 id="result-title">Composition</h2>
      <p class="small muted" role="status">
        {saving ? "Saving…" : saveProblem ? saveProblem : state.unsaved.value ? "Changes not saved yet" : "Saved to your compositions"}
        {" · "}
        {c.bars} bars · seed {c.seed} · {c.model}
      </p>
      <div class="row">
        <a class="button" href={c.links.midi} download={`${state.melodyName.value}.mid`} onClick={(e) => void download(e, c.links.midi)}>
          Download MIDI
        </a>
        <a class="button" href={c.links.wav} download={`${state.melodyName.value}.wav`} onClick={(e) => void download(e, c.links.wav)}>
          Download WAV
        </a>
      </div>
      <h3>Share</h3>
      {shareUrl ? (
        <div class="stack">
          <input type="text" readOnly value={shareUrl} aria-label="Share link" onFocus={(e) => (e.target as HTMLInputElement).select()} />
          <div class="row">
            <button type="button" onClick={() => void navigator.clipboard?.writeText(shareUrl).then(() => notify("Link copied."), () => notify("Copy the link from the box above.", "error"))}>
              Copy link
            </button>
            <button type="button" onClick={() => void revoke()}>
              Revoke link
            </button>
          </div>
        </div>
      ) : c.shared ? (
        <div class="row">
          <span class="muted small">Shared.</span>
          <button type="button" onClick={() => void revoke()}>
            Revoke link
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => void createShare()}>
          Create share link
        </button>
      )}
    </section>
  );
}
