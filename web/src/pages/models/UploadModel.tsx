/**
 * Uploading a model: the zip Cantus downloads, or the weights (.safetensors, e.g. trained in
 * PyTorch with the lab's state-dict names) with an optional model.json. Progress while the
 * file is sent, then the server's check; its sentence when it refuses.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { ModelSummary } from "../../api/types";
import { ErrorNote, Progress } from "../../ui/feedback";
import { bytes } from "../../ui/format";
import { notify } from "../../ui/toast";
import { sentenceOf } from "../../ui/useAsync";
import { nameProblem, suggestModelName } from "./library";
import { modelFilesOf, type ModelFiles } from "./modelFiles";
import { uploadModel } from "./upload";

/** The upload form; <paramref name="onUploaded" /> gets the new model. */
export function UploadModel({ onUploaded, onClose }: { onUploaded: (m: ModelSummary) => void; onClose: () => void }) {
  const [files, setFiles] = useState<ModelFiles | null>(null);
  const [reading, setReading] = useState(false);
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const uploading = sent !== null;
  const problem = nameProblem(name.trim());
  const fieldErrors = error instanceof ApiError ? error.fields : {};

  const choose = async (list: FileList | null) => {
    setError(undefined);
    setFiles(null);
    const chosen = list ? [...list] : [];
    if (chosen.length === 0) return;
    setReading(true);
    try {
      const f = await modelFilesOf(chosen);
      setFiles(f);
      if (!nameTouched || name.trim() === "") setName(suggestModelName(f.baseName));
    } catch (e) {
      setError(e);
    } finally {
      setReading(false);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setNameTouched(true);
    if (!files || problem) return;
    const c = new AbortController();
    controller.current = c;
    setError(undefined);
    setSent(0);
    try {
      const model = await uploadModel(name.trim(), files, setSent, c.signal);
      notify(`Uploaded the model ${model.name}.`);
      onUploaded(model);
    } catch (x) {
      if (!(x instanceof DOMException && x.name === "AbortError")) setError(x);
    } finally {
      controller.current = null;
      setSent(null);
    }
  };

  const size = files ? files.weights.size + (files.config?.size ?? 0) : 0;
  const nameMessage = (nameTouched && problem) || fieldErrors.name?.join(" ");
  const fileMessage = fieldErrors.weights?.join(" ") ?? fieldErrors.config?.join(" ");
  const otherError = error !== undefined && !nameMessage && !fileMessage ? sentenceOf(error) : undefined;

  return (
    <form class="panel stack" onSubmit={(e) => void submit(e)} aria-labelledby="upload-title">
      <h2 id="upload-title" style={{ margin: 0 }}>
        Upload a model
      </h2>
      <p class="help">
        Choose the zip Cantus downloads (model.safetensors and model.json), or the weights alone (.safetensors: both networks as Cantus writes them,
        or a generator with the DeepComposer lab's PyTorch names) with an optional model.json; without one the lab's architecture is assumed.
      </p>
      <div class="grid2">
        <label class="field">
          <span>Model files</span>
          <input
            type="file"
            accept=".zip,.safetensors,.json,application/zip,application/json"
            multiple
            disabled={uploading}
            onChange={(e) => void choose(e.currentTarget.files)}
            aria-describedby="upload-files-msg"
            aria-invalid={fileMessage ? true : undefined}
          />
          <span id="upload-files-msg" class={fileMessage ? "field-error" : "help"} aria-live="polite">
            {fileMessage ??
              (reading
                ? "Reading the zip…"
                : files
                  ? `${files.weightsName}${files.config ? " and model.json" : " (no model.json: the lab's architecture)"}, ${bytes(size)}`
                  : "A .zip, or a .safetensors with an optional model.json (select both).")}
          </span>
        </label>
        <label class="field">
          <span>Name</span>
          <input
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            onBlur={() => setNameTouched(true)}
            required
            maxLength={64}
            spellcheck={false}
            autocomplete="off"
            disabled={uploading}
            aria-invalid={nameMessage ? true : undefined}
            aria-describedby="upload-name-msg"
          />
          <span id="upload-name-msg" class={nameMessage ? "field-error" : "help"}>
            {nameMessage || "Lower-case letters, digits, '.', '_' and '-'."}
          </span>
        </label>
      </div>
      {uploading && (
        <Progress
          value={sent < 1 ? sent : undefined}
          label={sent < 1 ? `Sending ${bytes(size)}… ${Math.round(sent * 100)}%` : "Sent; the server is checking the weights…"}
        />
      )}
      {otherError && <ErrorNote sentence={otherError} />}
      <div class="row">
        <button type="submit" class="primary" disabled={!files || uploading || reading}>
          {uploading ? "Uploading…" : "Upload"}
        </button>
        {uploading ? (
          <button type="button" onClick={() => controller.current?.abort()}>
            Cancel upload
          </button>
        ) : (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )}
      </div>
    </form>
  );
}
