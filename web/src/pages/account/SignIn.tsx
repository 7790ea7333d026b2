/**
 * Signing in on a public server (one with accounts). The console shows this page in place of any
 * page while nobody is signed in, so after signing in the person is on the address they asked
 * for; at /sign-in itself they go to ?next= (an address of the console) or the studio.
 */
import { useRef, useState } from "preact/hooks";
import { location, navigate } from "../../router";
import { session, signIn } from "../../session";
import { ErrorNote } from "../../ui/feedback";
import { sentenceOf } from "../../ui/useAsync";
import { safeNext } from "./account";

/** The sign-in page. */
export function SignIn() {
  const s = session.value;
  const { path, query } = location.value;
  const next = safeNext(query.get("next"));
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (s && !s.accounts)
    return (
      <section class="page narrow" aria-labelledby="signin-title">
        <h1 id="signin-title">No sign-in needed</h1>
        <p>
          This Cantus server runs for the local user alone, without accounts: everything here is yours already. Go to the <a href="/">studio</a>.
        </p>
        <p class="help">Accounts exist only on a server started with <code>./cantus serve --public</code>.</p>
      </section>
    );

  if (s?.user && path === "/sign-in")
    return (
      <section class="page narrow" aria-labelledby="signin-title">
        <h1 id="signin-title">Signed in</h1>
        <p>
          You are signed in as {s.user.displayName || s.user.name}. <a href={next}>Continue</a>
        </p>
      </section>
    );

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim() || !password) {
      setError(!name.trim() ? "Enter your name." : "Enter your password.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await signIn(name.trim(), password);
      // Elsewhere than /sign-in the console now shows the page that was asked for.
      if (location.value.path === "/sign-in") navigate(next, true);
    } catch (x) {
      setError(sentenceOf(x));
      setPassword("");
      setBusy(false);
      // After the re-render that enables the field again.
      setTimeout(() => passwordRef.current?.focus(), 0);
    }
  };

  return (
    <section class="page narrow" aria-labelledby="signin-title">
      <form class="panel stack" onSubmit={(e) => void submit(e)} style={{ maxWidth: "420px", margin: "40px auto" }} aria-labelledby="signin-title" noValidate>
        <h1 id="signin-title">Sign in to Cantus</h1>
        <p class="help">This server has accounts: your melodies, compositions, models and training runs are yours alone.</p>
        <label class="field">
          <span>Name</span>
          <input
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            required
            autofocus
            disabled={busy}
            aria-invalid={error && !name.trim() ? true : undefined}
          />
        </label>
        <label class="field">
          <span>Password</span>
          <input
            ref={passwordRef}
            type="password"
            name="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
            disabled={busy}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "signin-error" : undefined}
          />
        </label>
        {error && (
          <div id="signin-error">
            <ErrorNote sentence={error} />
          </div>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <p class="help">
          No account yet, or forgot the password? The server's administrator adds users and sets passwords (<code>./cantus admin users</code>).
        </p>
      </form>
    </section>
  );
}
