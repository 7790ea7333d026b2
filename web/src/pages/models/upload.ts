/**
 * Uploading a model with progress: fetch cannot report how much of a body is sent, so this one
 * request goes through XMLHttpRequest, with the same anti-forgery header and the same
 * {@link ApiError} sentences as every other request.
 */
import { ApiError, toError } from "../../api/client";
import type { ModelSummary } from "../../api/types";
import { session } from "../../session";
import type { ModelFiles } from "./modelFiles";

/** Sends <paramref name="files" /> as model <paramref name="name" />; <paramref name="onProgress" /> gets 0..1 while the body is sent. */
export function uploadModel(name: string, files: ModelFiles, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<ModelSummary> {
  const form = new FormData();
  form.set("name", name);
  form.set("weights", files.weights, files.weightsName || "model.safetensors");
  if (files.config) form.set("config", files.config, "model.json");
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/models");
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    const csrf = session.value?.csrfToken;
    if (csrf) xhr.setRequestHeader("X-CSRF-TOKEN", csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ModelSummary);
        } catch {
          reject(new ApiError(xhr.status, "The server kept the model but its answer could not be read. Reload the page to see it."));
        }
        return;
      }
      const headers = new Headers();
      const type = xhr.getResponseHeader("Content-Type");
      const retry = xhr.getResponseHeader("Retry-After");
      if (type) headers.set("Content-Type", type);
      if (retry) headers.set("Retry-After", retry);
      void toError(new Response(xhr.responseText, { status: xhr.status, headers })).then(reject, () =>
        reject(new ApiError(xhr.status, "The server refused the model.")),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, "The Cantus server cannot be reached. Check that `./cantus serve` is still running, then try again."));
    xhr.onabort = () => reject(new DOMException("The upload was canceled.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
