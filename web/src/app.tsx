/** The console's frame: the navigation, the signed-in user, and the page for the current address. */
import type { ComponentChildren } from "preact";
import { location, match } from "./router";
import { session, signOut } from "./session";
import { Toasts } from "./ui/toast";
import { Studio } from "./pages/studio/Studio";
import { SignIn } from "./pages/account/SignIn";
import { Shared } from "./pages/shared/Shared";
import { NotFound } from "./pages/NotFound";
import { lazyPage } from "./ui/lazyPage";

// Pages other than the studio, sign-in and shared links load when first opened.
const Compositions = lazyPage<object>(() => import("./pages/compositions/Compositions"), "Compositions");
const Models = lazyPage<object>(() => import("./pages/models/Models"), "Models");
const ModelDetail = lazyPage<{ name: string }>(() => import("./pages/models/ModelDetail"), "ModelDetail");
const CompareModels = lazyPage<{ a: string; b: string }>(() => import("./pages/models/CompareModels"), "CompareModels");
const Training = lazyPage<object>(() => import("./pages/training/Training"), "Training");
const NewTraining = lazyPage<{ from?: string | undefined }>(() => import("./pages/training/NewTraining"), "NewTraining");
const TrainingRun = lazyPage<{ id: string }>(() => import("./pages/training/TrainingRun"), "TrainingRun");
const CompareRuns = lazyPage<{ a: string; b: string }>(() => import("./pages/training/CompareRuns"), "CompareRuns");
const Tokens = lazyPage<object>(() => import("./pages/account/Tokens"), "Tokens");

type Route = [pattern: string, page: (params: Record<string, string>, query: URLSearchParams) => ComponentChildren, title: string];

const routes: Route[] = [
  ["/", () => <Studio />, "Studio"],
  ["/studio/:id", (p) => <Studio compositionId={p.id!} />, "Studio"],
  ["/compositions", () => <Compositions />, "Compositions"],
  ["/models", () => <Models />, "Models"],
  ["/models/compare", (_, q) => <CompareModels a={q.get("a") ?? ""} b={q.get("b") ?? ""} />, "Compare models"],
  ["/models/:name", (p) => <ModelDetail name={p.name!} />, "Model"],
  ["/training", () => <Training />, "Training"],
  ["/training/new", (_, q) => <NewTraining from={q.get("from") ?? undefined} />, "New training"],
  ["/training/compare", (_, q) => <CompareRuns a={q.get("a") ?? ""} b={q.get("b") ?? ""} />, "Compare runs"],
  ["/training/:id", (p) => <TrainingRun id={p.id!} />, "Training run"],
  ["/tokens", () => <Tokens />, "API tokens"],
  ["/sign-in", () => <SignIn />, "Sign in"],
  ["/shared/:token", (p) => <Shared token={p.token!} />, "Shared composition"],
];

const nav: [href: string, label: string][] = [
  ["/", "Studio"],
  ["/compositions", "Compositions"],
  ["/models", "Models"],
  ["/training", "Training"],
];

/** The whole console. */
export function App() {
  const { path, query } = location.value;
  const s = session.value;
  const isShared = path.startsWith("/shared/");
  const needsSignIn = s !== null && s.accounts && !s.user && !isShared && path !== "/sign-in";
  let page: ComponentChildren = <NotFound />;
  let title = "Not found";
  for (const [pattern, render, t] of routes) {
    const params = match(pattern, path);
    if (params) {
      page = render(params, query);
      title = t;
      break;
    }
  }
  if (needsSignIn) {
    page = <SignIn />;
    title = "Sign in";
  }
  document.title = `${title} · Cantus`;
  const section = nav.find(([href]) => (href === "/" ? path === "/" || path.startsWith("/studio") : path.startsWith(href)))?.[0];
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/" aria-label="Cantus studio">
          <span class="logo" aria-hidden="true" />
          Cantus
        </a>
        {!isShared && !needsSignIn && (
          <nav aria-label="Sections">
            {nav.map(([href, label]) => (
              <a key={href} href={href} aria-current={section === href ? "page" : undefined}>
                {label}
              </a>
            ))}
          </nav>
        )}
        <div class="account">
          {s?.accounts && s.user && (
            <>
              <a href="/tokens">API tokens</a>
              <span class="who" title="Signed in">
                {s.user.displayName || s.user.name}
              </span>
              <button type="button" class="link" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          )}
          {!s?.accounts && (
            <a href="/tokens" class="muted">
              API tokens
            </a>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <Toasts />
    </>
  );
}
