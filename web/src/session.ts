/** Who is signed in, shared by every page; loaded once at start and after sign-in/out. */
import { signal } from "@preact/signals";
import { api, setCsrfToken } from "./api/client";
import type { SessionDto } from "./api/types";

/** The session (null until loaded). */
export const session = signal<SessionDto | null>(null);

/** Loads the session from the server. */
export async function loadSession(): Promise<SessionDto> {
  const s = await api<SessionDto>("GET", "/api/session");
  setCsrfToken(s.csrfToken);
  session.value = s;
  return s;
}

/** Signs in; throws ApiError with the server's sentence when refused. */
export async function signIn(name: string, password: string): Promise<void> {
  const s = await api<SessionDto>("POST", "/api/session", { json: { name, password } });
  setCsrfToken(s.csrfToken);
  session.value = s;
}

/** Signs out. */
export async function signOut(): Promise<void> {
  await api<void>("DELETE", "/api/session");
  setCsrfToken(null);
  session.value = { accounts: true, user: null, csrfToken: null };
}
