/**
 * The one way the console talks to the server: JSON or multipart in, JSON or bytes out, and every
 * failure turned into an {@link ApiError} carrying a sentence a musician can act on (the server's
 * problem+json detail when it sent one; never a raw status code or a stack trace).
 */

/** A refused or failed request, with what to tell the person. */
export class ApiError extends Error {
  constructor(
    /** The HTTP status (0 when the server could not be reached). */
    readonly status: number,
    /** The sentence to show: what went wrong and, where it helps, what to do. */
    readonly sentence: string,
    /** Field name (camelCase) → messages, from a validation problem. */
    readonly fields: Readonly<Record<string, readonly string[]>> = {},
  ) {
    super(sentence);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;

/** Sets the anti-forgery token sent with every change (from GET /api/session). */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** What a request sends. */
export interface RequestOptions {
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

/** Sends a request and returns the parsed JSON body (undefined for 204). */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Sends a request and returns the body's bytes (MIDI, WAV). */
export async function apiBytes(path: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await send("GET", path, signal ? { signal } : {});
  return await response.arrayBuffer();
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  if (method !== "GET" && csrfToken) headers["X-CSRF-TOKEN"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body ?? null, credentials: "same-origin", signal: options.signal ?? null });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "The Cantus server cannot be reached. Check that `./cantus serve` is still running, then try again.");
  }
  if (!response.ok) throw await toError(response);
  return response;
}

/** Problem+json (or anything else) → an ApiError with a sentence. */
export async function toError(response: Response): Promise<ApiError> {
  let detail: string | undefined;
  let fields: Record<string, string[]> = {};
  try {
    const type = response.headers.get("Content-Type") ?? "";
    if (type.includes("json")) {
      const problem = (await response.json()) as { detail?: string; title?: string; errors?: Record<string, string[]> };
      detail = problem.detail ?? undefined;
      fields = problem.errors ?? {};
      if (!detail && Object.keys(fields).length > 0) detail = Object.values(fields).flat().join(" ");
    }
  } catch {
    // A body that is not JSON: the generic sentence below says enough.
  }
  return new ApiError(response.status, detail ?? fallbackSentence(response.status, response.headers.get("Retry-After")), fields);
}

/** A sentence for a status the server sent no words for. */
export function fallbackSentence(status: number, retryAfter?: string | null): string {
  switch (status) {
    case 401:
      return "You are signed out. Sign in again to continue.";
    case 403:
      return "Your account may not do this; an administrator can.";
    case 404:
      return "This is no longer there: it may have been deleted.";
    case 409:
      return "This conflicts with something else that uses it.";
    case 413:
      return "This file is too large for the server's limit.";
    case 429:
      return `Too many requests just now. Wait ${retryAfter ?? "a few"} seconds and try again.`;
    case 503:
      return `The server is busy or its database is unavailable. Try again in ${retryAfter ?? "a few"} seconds.`;
    default:
      return status >= 500
        ? "Something went wrong on the server. Try again; if it keeps happening, the server's log says why."
        : "The server refused this request.";
  }
}
