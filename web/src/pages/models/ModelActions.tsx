/**
 * What can be done with a model, the same on the list and on a model's page: compose with it,
 * train from it, clone it (asks the new name), edit its name, description, genre and tags,
 * download it, delete it (the server's reason when it refuses).
 */
import { useState } from "preact/hooks";
import { api, ApiError } from "../../api/client";
import type { ModelSummary } from "../../api/types";
import { confirmAction } from "../../ui/confirm";
import { ErrorNote } from "../../ui/feedback";
import { notify } from "../../ui/toast";
import { sentenceOf } from "../../ui/useAsync";
import { editFormOf, modelChanges, modelPath, nameProblem, type EditForm } from "./library";

/** What the page does after a change the server confirmed. */
export interface ModelActionsProps {
  model: ModelSummary;
  onCloned: (clone: ModelSummary) => void;
  onUpdated: (updated: ModelSummary, oldName: string) => void;
  onDeleted: (name: string) => void;
}

type Open = "none" | "clone" | "edit";

/** The row of actions and the clone or edit form below it. */
export function ModelActions({ model, onCloned, onUpdated, onDeleted }: ModelActionsProps) {
  const [open, setOpen] = useState<Open>("none");
  const [error, setError] = useState<string | undefined>(undefined);
  const [deleting, setDeleting] = useState(false);
  const id = `m-${model.name.replace(/[^a-z0-9_-]/gi, "_")}`;
  const toggle = (what: Open) => {
    setError(undefined);
    setOpen(open === what ? "none" : what);
  };

  const remove = async () => {
    setError(undefined);
    const yes = await confirmAction(
      `Delete the model ${model.name}?`,
      "Its weights and its evaluations are deleted for good. The server refuses while compositions or training jobs still use it.",
      "Delete model",
    );
    if (!yes) return;
    setDeleting(true);
    try {
      await api<void>("DELETE", modelPath(model.name));
      notify(`Deleted the model ${model.name}.`);
      onDeleted(model.name);
    } catch (e) {
      setError(sentenceOf(e));
      setDeleting(false);
    }
  };

  return (
    <div class="stack">
      <div class="row" role="group" aria-label={`Actions for ${model.name}`}>
        <a class="button primary" href={`/?model=${encodeURIComponent(model.name)}`} aria-label={`Compose with ${model.name}`}>
          Compose with it
        </a>
        <a class="button" href={`/training/new?from=${encodeURIComponent(model.name)}`} aria-label={`Train a new model from ${model.name}`}>
          Train from it
        </a>
        <button type="button" aria-expanded={open === "clone"} aria-controls={`${id}-clone`} aria-label={`Clone ${model.name}`} onClick={() => toggle("clone")}>
          Clone…
        </button>
        {!model.isSample && (
          <button type="button" aria-expanded={open === "edit"} aria-controls={`${id}-edit`} aria-label={`Rename or describe ${model.name}`} onClick={() => toggle("edit")}>
            Edit…
          </button>
        )}
        <a class="button" href={`${modelPath(model.name)}/download`} download={`${model.name}.zip`} aria-label={`Download ${model.name} as a zip`}>
          Download
        </a>
        {!model.isSample && (
          <button type="button" class="danger" onClick={() => void remove()} disabled={deleting} aria-label={`Delete ${model.name}`}>
            {deleting ? "Deleting…" : "Delete"}
          </button>
        )}
      </div>
      {model.isSample && open === "none" && <p class="help">A sample model cannot be changed or deleted; clone it to make one of your own.</p>}
      {error && <ErrorNote sentence={error} />}
      {open === "clone" && (
        <CloneForm
          id={`${id}-clone`}
          model={model}
          onCancel={() => setOpen("none")}
          onDone={(clone) => {
            setOpen("none");
            onCloned(clone);
          }}
        />
      )}
      {open === "edit" && (
        <EditModelForm
          id={`${id}-edit`}
          model={model}
          onCancel={() => setOpen("none")}
          onDone={(updated) => {
            setOpen("none");
            onUpdated(updated, model.name);
          }}
        />
      )}
    </div>
  );
}

function fieldError(e: unknown, field: string): string | undefined {
  return e instanceof ApiError ? e.fields[field]?.join(" ") : undefined;
}

function CloneForm({ id, model, onCancel, onDone }: { id: string; model: ModelSummary; onCancel: () => void; onDone: (clone: ModelSummary) => void }) {
  const [name, setName] = useState(`${model.name}-copy`.slice(0, 64));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [touched, setTouched] = useState(false);
  const problem = nameProblem(name.trim());
  const nameError = (touched && problem) || fieldError(error, "name");
  const submit = async (e: Event) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setError(undefined);
    try {
      const clone = await api<ModelSummary>("POST", `${modelPath(model.name)}/clone`, { json: { name: name.trim() } });
      notify(`Cloned ${model.name} as ${clone.name}.`);
      onDone(clone);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form id={id} class="panel stack" onSubmit={(e) => void submit(e)} aria-label={`Clone ${model.name}`}>
      <label class="field">
        <span>Name of the copy</span>
        <input
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
          required
          maxLength={64}
          autoFocus
          aria-invalid={nameError ? true : undefined}
          aria-describedby={`${id}-help`}
          spellcheck={false}
          autocomplete="off"
        />
      </label>
      <p id={`${id}-help`} class={nameError ? "field-error" : "help"}>
        {nameError || `A copy of ${model.name} that is yours to train, rename and describe. Lower-case letters, digits, '.', '_' and '-'.`}
      </p>
      {error !== undefined && !fieldError(error, "name") && <ErrorNote sentence={sentenceOf(error)} />}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Cloning…" : "Clone"}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EditModelForm({ id, model, onCancel, onDone }: { id: string; model: ModelSummary; onCancel: () => void; onDone: (m: ModelSummary) => void }) {
  const [form, setForm] = useState<EditForm>(() => editFormOf(model));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const problem = nameProblem(form.name.trim());
  const set = (k: keyof EditForm) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });
  const err = (field: string) => fieldError(error, field);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (problem) return;
    const changes = modelChanges(model, form);
    if (!changes) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api<ModelSummary>("PATCH", modelPath(model.name), { json: changes });
      notify(changes.name ? `Renamed ${model.name} to ${updated.name}.` : `Saved ${updated.name}.`);
      onDone(updated);
    } catch (x) {
      setError(x);
      setBusy(false);
    }
  };
  const known = ["name", "description", "genre", "tags"];
  const otherError = error !== undefined && !known.some((f) => err(f)) ? sentenceOf(error) : undefined;
  const nameMessage = problem ?? err("name");
  return (
    <form id={id} class="panel stack" onSubmit={(e) => void submit(e)} aria-label={`Edit ${model.name}`}>
      <div class="grid2">
        <label class="field">
          <span>Name</span>
          <input
            value={form.name}
            onInput={set("name")}
            required
            maxLength={64}
            spellcheck={false}
            autocomplete="off"
            aria-invalid={nameMessage ? true : undefined}
            aria-describedby={`${id}-name-msg`}
          />
          <span id={`${id}-name-msg`} class={nameMessage ? "field-error" : "help"}>
            {nameMessage ?? "Compositions and jobs keep working after a rename."}
          </span>
        </label>
        <label class="field">
          <span>Genre</span>
          <input value={form.genre} onInput={set("genre")} maxLength={64} aria-invalid={err("genre") ? true : undefined} aria-describedby={`${id}-genre-msg`} />
          <span id={`${id}-genre-msg`} class={err("genre") ? "field-error" : "help"}>
            {err("genre") ?? "The kind of music it writes, e.g. chorale."}
          </span>
        </label>
      </div>
      <label class="field">
        <span>Description</span>
        <textarea value={form.description} onInput={set("description")} rows={3} maxLength={2000} aria-invalid={err("description") ? true : undefined} />
        {err("description") && <span class="field-error">{err("description")}</span>}
      </label>
      <label class="field">
        <span>Tags</span>
        <input value={form.tags} onInput={set("tags")} aria-describedby={`${id}-tags-msg`} aria-invalid={err("tags") ? true : undefined} autocomplete="off" />
        <span id={`${id}-tags-msg`} class={err("tags") ? "field-error" : "help"}>
          {err("tags") ?? "Separated by commas, at most 32."}
        </span>
      </label>
      {otherError && <ErrorNote sentence={otherError} />}
      <div class="row">
        <button type="submit" class="primary" disabled={busy || problem !== null}>
          {busy ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
