/** Plain helpers of the account pages: where to go after signing in, token states, the curl example. */

/**
 * Where to go after signing in: <paramref name="next" /> when it is an address of this console
 * (a path starting with one "/", not the sign-in page itself), else "/".
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  const path = next.split(/[?#]/)[0] ?? "";
  if (path === "/sign-in" || path.startsWith("/api/")) return "/";
  return next;
}

/** A token's state in words. */
export function tokenState(t: { revokedAt?: string | null }): "active" | "revoked" {
  return t.revokedAt ? "revoked" : "active";
}

/** Active tokens first, then revoked ones; newest first within each. */
export function sortTokens<T extends { id: string; createdAt?: string; revokedAt?: string | null }>(tokens: readonly T[]): T[] {
  const time = (s: string | undefined) => (s ? Date.parse(s) || 0 : 0);
  return [...tokens].sort(
    (a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || time(b.createdAt) - time(a.createdAt) || a.id.localeCompare(b.id),
  );
}

/** Quotes a value for a POSIX shell. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The curl command that lists the models with <paramref name="secret" />. */
export function curlExample(origin: string, secret: string): string {
  const base = origin.replace(/\/+$/, "");
  return `curl -H ${shellQuote(`Authorization: Bearer ${secret}`)} ${shellQuote(`${base}/api/models`)}`;
}

/** The sentence for a token's name, or null when it is fine (the server's rule: 1..100 characters). */
export function tokenNameProblem(name: string): string | null {
  const n = name.trim();
  if (n === "") return "Name the token after what will use it, e.g. “nightly script”.";
  if (n.length > 100) return "A token's name is at most 100 characters.";
  return null;
}
