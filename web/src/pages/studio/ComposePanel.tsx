/** Compose: the model (sample or own, with its description and evaluation headline), seed and another take, candidates, instruments, and the clean-up behind "Advanced". */
import { useEffect, useState } from "preact/hooks";
import type { ModelSummary } from "../../api/types";
import { GM_PROGRAMS } from "../../model/gm";
import { metric } from "../../ui/format";
import { headlineOf, headlineSentence } from "../models/evaluation";
import type { ComposeSettings } from "./compose";
import { randomSeed } from "./compose";

/** Default instruments for the voices the model writes (strings-like ensemble), by voice index after the melody. */
const DEFAULT_PROGRAMS = [0, 48, 42, 32, 0, 0, 0, 0];

/** Props: the models, the settings being edited, and the action. */
export function ComposePanel(props: {
  models: readonly ModelSummary[] | undefined;
  settings: ComposeSettings;
  onChange: (s: ComposeSettings) => void;
  onCompose: (s: ComposeSettings) => void;
  busy: boolean;
  canCompose: boolean;
  why: string | null;
}) {
  const { models, settings: s, onChange } = props;
  const model = models?.find((m) => m.name === s.model);
  const voices = model?.voiceNames ?? [];
  const programs = voices.map((_, i) => s.programs[i] ?? DEFAULT_PROGRAMS[i] ?? 0);
  const [advanced, setAdvanced] = useState(false);
  useEffect(() => {
    // Instruments follow the model's voices; the melody keeps the piano by default.
    if (voices.length > 0 && s.programs.length !== voices.length) onChange({ ...s, programs });
  }, [s.model, voices.length]);
  const headline = model?.evaluation ? headlineSentence(headlineOf(model.evaluation, voices)) : null;
  return (
    <section class="panel compose" aria-labelledby="compose-title">
      <h2 id="compose-title">Compose</h2>
      <label class="field">
        <span>Model</span>
        <select aria-label="Model" value={s.model} onChange={(e) => onChange({ ...s, model: (e.target as HTMLSelectElement).value, programs: [] })} aria-describedby="model-about">
          {!models && <option>Loading models…</option>}
          {models?.some((m) => m.isSample) && (
            <optgroup label="Sample models">
              {models.filter((m) => m.isSample).map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          )}
          {models?.some((m) => !m.isSample) && (
            <optgroup label="Your models">
              {models.filter((m) => !m.isSample).map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <div id="model-about" class="help">
        {model?.description ?? (model ? "No description." : "")}
        {headline && <div class="headline">{headline}</div>}
      </div>
      <div class="row">
        <label class="field" style={{ flex: 1 }}>
          <span>Seed</span>
          <input type="number" min={0} step={1} value={s.seed} onInput={(e) => onChange({ ...s, seed: Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value) || 0)) })} />
        </label>
        <label class="field" style={{ width: "110px" }}>
          <span>Candidates</span>
          <input
            type="number"
            min={1}
            max={16}
            value={s.candidates}
            title="Takes written for each window; the critic keeps the one it judges best"
            onInput={(e) => onChange({ ...s, candidates: Math.max(1, Math.min(16, Math.floor(Number((e.target as HTMLInputElement).value) || 1))) })}
          />
        </label>
      </div>
      <p class="help">Candidates: several takes per passage, ranked by the critic; the best is kept. More is slower.</p>
      {voices.length > 1 && (
        <fieldset>
          <legend>Instruments for the next take</legend>
          {voices.map((v, i) => (
            <label key={v + i} class="field">
              <span>{i === 0 ? `${v} (your melody)` : v}</span>
              <select
                value={programs[i]}
                onChange={(e) => {
                  const next = [...programs];
                  next[i] = Number((e.target as HTMLSelectElement).value);
                  onChange({ ...s, programs: next });
                }}
              >
                {GM_PROGRAMS.map((name, p) => (
                  <option key={p} value={p}>
                    {p + 1}. {name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      <details open={advanced} onToggle={(e) => setAdvanced((e.target as HTMLDetailsElement).open)}>
        <summary>Advanced: clean-up</summary>
        <p class="help">The model writes a soft piano roll; the clean-up keeps notes above a threshold and discourages notes out of the key. Empty: the model's calibrated values{model?.cleanup ? ` (${metric(model.cleanup.threshold)}, ${metric(model.cleanup.keyPenalty)})` : ""}.</p>
        <div class="row">
          <label class="field" style={{ flex: 1 }}>
            <span>Threshold (−1..1)</span>
            <input type="number" min={-1} max={1} step={0.05} value={s.threshold ?? ""} onInput={(e) => onChange({ ...s, threshold: optionalNumber((e.target as HTMLInputElement).value) })} />
          </label>
          <label class="field" style={{ flex: 1 }}>
            <span>Key penalty (≥ 0)</span>
            <input type="number" min={0} step={0.05} value={s.keyPenalty ?? ""} onInput={(e) => onChange({ ...s, keyPenalty: optionalNumber((e.target as HTMLInputElement).value) })} />
          </label>
        </div>
      </details>
      <div class="row">
        <button type="button" class="primary" disabled={props.busy || !props.canCompose} onClick={() => props.onCompose(s)} aria-keyshortcuts="Control+Enter" title="Compose (Ctrl+Enter)">
          {props.busy ? "Composing…" : "Compose"}
        </button>
        <button
          type="button"
          disabled={props.busy || !props.canCompose}
          onClick={() => {
            const next = { ...s, seed: randomSeed() };
            onChange(next);
            props.onCompose(next);
          }}
          title="Compose again with a new seed"
        >
          Another take
        </button>
      </div>
      {props.why && <p class="help">{props.why}</p>}
    </section>
  );
}

function optionalNumber(text: string): number | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
