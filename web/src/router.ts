/** A small history-API router: the path as a signal, links without reloads, routes matched by pattern. */
import { signal } from "@preact/signals";

/** The current location (path and query). */
export const location = signal(currentLocation());

function currentLocation(): { path: string; query: URLSearchParams } {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

/** Goes to <paramref name="to" /> without reloading (replace: no new history entry). */
export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  location.value = currentLocation();
  window.scrollTo(0, 0);
}

window.addEventListener("popstate", () => (location.value = currentLocation()));

// Same-origin links navigate in place; modified clicks (new tab) and downloads are left to the browser.
document.addEventListener("click", (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.("a");
  if (!a || a.target || a.hasAttribute("download") || a.origin !== window.location.origin) return;
  if (a.pathname.startsWith("/api/") || a.pathname.startsWith("/openapi/")) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
});

/** Matches "/training/:id" against a path; the parameters, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const want = p[i]!;
    const got = decodeURIComponent(s[i]!);
    if (want.startsWith(":")) params[want.slice(1)] = got;
    else if (want !== got) return null;
  }
  return params;
}
