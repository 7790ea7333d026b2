/**
 * Personal API tokens, for scripts on a public server: the list (name, first characters,
 * created, last used, revoked), a form to make one (its secret shown once, with a curl example),
 * and revoking. On a local server tokens are not needed, and the page says so.
 */
import { useState } from "preact/hooks";
import { api, ApiError } from "../../api/client";
import type { ApiTokenRecord, CreatedApiToken } from "../../api/types";
import { session } from "../../session";
import { confirmAction } from "../../ui/confirm";
import { Empty, ErrorNote, Loading } from "../../ui/feedback";
import { when } from "../../ui/format";
import { notify } from "../../ui/toast";
import { sentenceOf, useAsync } from "../../ui/useAsync";
import { CopyField } from "../compositions/CopyField";
import { curlExample, sortTokens, tokenNameProblem, tokenState } from "./account";

/** The API tokens page. */
export function Tokens() {
  const local = session.value?.accounts === false;
  const tokens = useAsync((signal) => api<ApiTokenRecord[]>("GET", "/api/tokens", { signal }), []);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);

  const revoke = async (t: ApiTokenRecord) => {
    const yes = await confirmAction(
      `Revoke the token “${t.name}”?`,
      "Scripts that use it are refused from now on; this cannot be undone. Make a new token for them if they still need one.",
      "Revoke token",
    );
    if (!yes) return;
    setRevoking(t.id);
    try {
      await api<void>("DELETE", `/api/tokens/${encodeURIComponent(t.id)}`);
      notify(`Revoked the token “${t.name}”.`);
      if (created?.token.id === t.id) setCreated(null);
      tokens.reload();
    } catch (e) {
      notify(`The token could not be revoked: ${sentenceOf(e)}`, "error");
    } finally {
      setRevoking(null);
    }
  };

  const onCreated = (c: CreatedApiToken) => {
    setCreated(c);
    tokens.reload();
  };

  const list = sortTokens(tokens.value ?? []);
  return (
    <section class="page narrow" aria-labelledby="tokens-title" style={{ maxWidth: "960px" }}>
      <div class="page-head">
        <h1 id="tokens-title">API tokens</h1>
      </div>
      {local ? (
        <div class="notice stack">
          <p style={{ margin: 0 }}>
            This server runs locally for one user, without accounts, and the local user needs no token: scripts on this computer call the API directly, e.g.{" "}
            <code>curl {window.location.origin}/api/models</code>.
          </p>
          <p style={{ margin: 0 }}>
            Tokens are needed only when the server is public (<code>./cantus serve --public</code>), where every request must say who makes it.
          </p>
        </div>
      ) : (
        <p>
          A token lets a script act as you through the <a href="/api/reference">REST API</a>: send it in the <code>Authorization: Bearer …</code> header. Make one
          token per script, so that you can revoke one without stopping the others.
        </p>
      )}

      {local ? (
        <details style={{ marginTop: "12px" }}>
          <summary>Make a token anyway</summary>
          <CreateToken onCreated={onCreated} />
        </details>
      ) : (
        <CreateToken onCreated={onCreated} />
      )}

      {created && (
        <div class="panel stack" role="region" aria-labelledby="new-token-title" style={{ borderColor: "var(--accent)" }}>
          <h2 id="new-token-title" style={{ marginTop: 0 }}>
            Your new token “{created.token.name}”
          </h2>
          <p class="notice" style={{ margin: 0 }}>
            Copy it now: it is shown this once and never again (the server keeps only a hash of it). If you lose it, revoke it and make another.
          </p>
          <CopyField label="Token" value={created.secret} what="token" />
          <CopyField label="Try it: list your models with curl" value={curlExample(window.location.origin, created.secret)} what="curl command" />
          <div class="row end">
            <button type="button" onClick={() => setCreated(null)}>
              I have copied it
            </button>
          </div>
        </div>
      )}

      <div class="panel stack" style={{ marginTop: "12px" }}>
        <h2 style={{ marginTop: 0 }} id="token-list-title">
          Your tokens
        </h2>
        {tokens.loading && !tokens.value && <Loading what="Loading your tokens…" />}
        {tokens.error && (
          <ErrorNote
            sentence={
              local && tokens.error
                ? `The tokens could not be listed on this local server: ${tokens.error} You need none here.`
                : tokens.error
            }
            retry={tokens.reload}
          />
        )}
        {tokens.value &&
          (list.length === 0 ? (
            <Empty>You have no tokens.{local ? " On this local server you need none." : " Make one above when a script needs to call the API."}</Empty>
          ) : (
            <table aria-labelledby="token-list-title">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((t) => {
                  const revoked = tokenState(t) === "revoked";
                  return (
                    <tr key={t.id} class={revoked ? "muted" : undefined}>
                      <th scope="row" style={{ fontWeight: 500, fontSize: "14px", color: revoked ? undefined : "var(--text)" }}>
                        {t.name}
                      </th>
                      <td>
                        <code>{t.prefix}…</code>
                      </td>
                      <td>{when(t.createdAt)}</td>
                      <td>{t.lastUsedAt ? when(t.lastUsedAt) : "never"}</td>
                      <td>{revoked ? `revoked ${when(t.revokedAt)}` : "active"}</td>
                      <td>
                        {!revoked && (
                          <button type="button" class="danger" onClick={() => void revoke(t)} disabled={revoking === t.id} aria-label={`Revoke the token ${t.name}`}>
                            {revoking === t.id ? "Revoking…" : "Revoke"}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ))}
        <p class="help">Tokens do not expire: revoke one when the script that uses it is retired or the token may have leaked.</p>
      </div>
    </section>
  );
}

function CreateToken({ onCreated }: { onCreated: (c: CreatedApiToken) => void }) {
  const [name, setName] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const problem = tokenNameProblem(name);
  const fieldError = error instanceof ApiError ? error.fields.name?.join(" ") : undefined;
  const message = (touched && problem) || fieldError;

  const submit = async (e: Event) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setError(undefined);
    try {
      const c = await api<CreatedApiToken>("POST", "/api/tokens", { json: { name: name.trim() } });
      setName("");
      setTouched(false);
      onCreated(c);
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel stack" onSubmit={(e) => void submit(e)} aria-labelledby="create-token-title" style={{ marginTop: "12px" }} noValidate>
      <h2 id="create-token-title" style={{ marginTop: 0 }}>
        Make a token
      </h2>
      <div class="row" style={{ alignItems: "flex-start" }}>
        <label class="field" style={{ flex: "1 1 300px" }}>
          <span>What will use it</span>
          <input
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            maxLength={100}
            placeholder="e.g. nightly script"
            autocomplete="off"
            disabled={busy}
            aria-invalid={message ? true : undefined}
            aria-describedby="token-name-msg"
          />
          <span id="token-name-msg" class={message ? "field-error" : "help"}>
            {message || "A name to tell your tokens apart."}
          </span>
        </label>
        <button type="submit" class="primary" disabled={busy} style={{ marginTop: "18px" }}>
          {busy ? "Making…" : "Make token"}
        </button>
      </div>
      {error !== undefined && !fieldError && <ErrorNote sentence={sentenceOf(error)} />}
    </form>
  );
}
