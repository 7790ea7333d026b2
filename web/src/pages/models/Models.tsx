/**
 * The models: the sample models shipped with Cantus and the person's own (trained, cloned or
 * uploaded), each with what it is, its evaluation headline and what can be done with it; filter
 * by words or tag, pick two to compare, upload one.
 */
import { useState } from "preact/hooks";
import { api } from "../../api/client";
import type { ModelSummary } from "../../api/types";
import { navigate } from "../../router";
import { Empty, ErrorNote, Loading } from "../../ui/feedback";
import { useAsync } from "../../ui/useAsync";
import { headlineOf } from "./evaluation";
import { HeadlineView } from "./Headline";
import { allTags, compareHref, filterModels, toggleSelection, type Kind } from "./library";
import { ModelActions } from "./ModelActions";
import { UploadModel } from "./UploadModel";

/** The models page. */
export function Models() {
  const models = useAsync((signal) => api<ModelSummary[]>("GET", "/api/models", { signal }), []);
  const [text, setText] = useState("");
  const [tag, setTag] = useState("");
  const [kind, setKind] = useState<Kind>("all");
  const [selected, setSelected] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);

  const list = models.value ?? [];
  const shown = filterModels(list, text, tag, kind);
  const tags = allTags(list);
  const filtered = text !== "" || tag !== "" || kind !== "all";
  const chosen = selected.filter((n) => list.some((m) => m.name === n));
  const [a, b] = chosen;

  const replace = (updated: ModelSummary, oldName: string) => {
    models.set(list.map((m) => (m.name === oldName ? updated : m)));
    setSelected(selected.map((n) => (n === oldName ? updated.name : n)));
  };

  return (
    <section class="page" aria-labelledby="models-title">
      <div class="page-head">
        <h1 id="models-title">Models</h1>
        <div class="actions">
          {a && b ? (
            <a class="button" href={compareHref(a, b)} aria-label={`Compare ${a} with ${b}`}>
              Compare {a} with {b}
            </a>
          ) : (
            <button type="button" disabled aria-describedby="compare-help">
              Compare
            </button>
          )}
          <button type="button" class="primary" aria-expanded={uploading} onClick={() => setUploading(!uploading)}>
            Upload a model…
          </button>
        </div>
      </div>
      <p id="compare-help" class="help">
        {chosen.length === 2
          ? `Comparing ${a} and ${b}: their latest evaluations side by side.`
          : chosen.length === 1
            ? `${a} is chosen; choose one more to compare with it.`
            : "Tick “Compare” on two models to see their evaluations side by side."}
      </p>

      {uploading && (
        <UploadModel
          onClose={() => setUploading(false)}
          onUploaded={(m) => {
            setUploading(false);
            models.reload();
            navigate(`/models/${encodeURIComponent(m.name)}`);
          }}
        />
      )}

      <div class="row" role="search" style={{ margin: "12px 0" }}>
        <label class="field" style={{ flex: "1 1 260px" }}>
          <span>Search</span>
          <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="Name, description, genre, tag…" aria-controls="model-list" />
        </label>
        <label class="field">
          <span>Tag</span>
          <select value={tag} onChange={(e) => setTag(e.currentTarget.value)} aria-controls="model-list">
            <option value="">Any tag</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Show</span>
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)} aria-controls="model-list">
            <option value="all">Every model</option>
            <option value="sample">Sample models</option>
            <option value="mine">My models</option>
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            style={{ alignSelf: "flex-end" }}
            onClick={() => {
              setText("");
              setTag("");
              setKind("all");
            }}
          >
            Clear filters
          </button>
        )}
      </div>

      {models.loading && !models.value && <Loading what="Loading the models…" />}
      {models.error && <ErrorNote sentence={models.error} retry={models.reload} />}
      {models.value && (
        <>
          <p class="muted small" role="status" aria-live="polite">
            {filtered ? `${shown.length} of ${list.length} models` : `${list.length} ${list.length === 1 ? "model" : "models"}`}
          </p>
          {list.length === 0 ? (
            <Empty>
              There are no models yet: not even the sample model was found. Upload one, or <a href="/training/new">train one</a>.
            </Empty>
          ) : shown.length === 0 ? (
            <Empty>No model matches these filters. Clear them to see every model.</Empty>
          ) : (
            <ul id="model-list" class="grid2" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {shown.map((m) => (
                <li key={m.name}>
                  <ModelCard
                    model={m}
                    selected={chosen.includes(m.name)}
                    onSelect={() => setSelected(toggleSelection(chosen, m.name))}
                    onCloned={() => models.reload()}
                    onUpdated={replace}
                    onDeleted={(name) => {
                      models.set(list.filter((x) => x.name !== name));
                      setSelected(chosen.filter((n) => n !== name));
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

interface CardProps {
  model: ModelSummary;
  selected: boolean;
  onSelect: () => void;
  onCloned: (m: ModelSummary) => void;
  onUpdated: (m: ModelSummary, oldName: string) => void;
  onDeleted: (name: string) => void;
}

function ModelCard({ model: m, selected, onSelect, onCloned, onUpdated, onDeleted }: CardProps) {
  const titleId = `model-${m.name.replace(/[^a-z0-9_-]/gi, "_")}-title`;
  return (
    <article class="panel stack" aria-labelledby={titleId} style={{ height: "100%", outline: selected ? "2px solid var(--accent)" : undefined }}>
      <div class="row">
        <h2 id={titleId} style={{ margin: 0 }}>
          <a href={`/models/${encodeURIComponent(m.name)}`}>{m.name}</a>
        </h2>
        {m.isSample && <span class="tag sample">sample</span>}
        {m.genre && <span class="tag">{m.genre}</span>}
        <span class="spacer" />
        <label>
          <input type="checkbox" checked={selected} onChange={onSelect} aria-label={`Compare ${m.name}`} />
          Compare
        </label>
      </div>
      {m.description ? <p>{m.description}</p> : <p class="muted">No description.</p>}
      <dl class="row small" style={{ margin: 0, gap: "4px 16px" }}>
        {m.parent && (
          <div>
            <dt class="muted" style={{ display: "inline" }}>
              Cloned from{" "}
            </dt>
            <dd style={{ display: "inline", margin: 0 }}>
              <a href={`/models/${encodeURIComponent(m.parent)}`}>{m.parent}</a>
            </dd>
          </div>
        )}
        <div>
          <dt class="muted" style={{ display: "inline" }}>
            Trained{" "}
          </dt>
          <dd style={{ display: "inline", margin: 0 }}>{m.iterations === null ? "for an unknown number of iterations" : `${m.iterations.toLocaleString()} iterations`}</dd>
        </div>
        <div>
          <dt class="muted" style={{ display: "inline" }}>
            Voices{" "}
          </dt>
          <dd style={{ display: "inline", margin: 0 }}>{m.voiceNames.join(", ") || "–"}</dd>
        </div>
      </dl>
      {m.tags.length > 0 && (
        <ul class="row" aria-label="Tags" style={{ listStyle: "none", padding: 0, margin: 0, gap: "4px" }}>
          {m.tags.map((t) => (
            <li key={t} class="tag">
              {t}
            </li>
          ))}
        </ul>
      )}
      <HeadlineView
        headline={headlineOf(m.evaluation, m.voiceNames)}
        label={`Evaluation of ${m.name}`}
        empty={
          <>
            No evaluation headline recorded. Its page keeps its evaluations and can <a href={`/models/${encodeURIComponent(m.name)}`}>evaluate it</a>.
          </>
        }
      />
      <div class="spacer" />
      <ModelActions model={m} onCloned={onCloned} onUpdated={onUpdated} onDeleted={onDeleted} />
    </article>
  );
}
