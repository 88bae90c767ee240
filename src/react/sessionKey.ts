import type { StackContextValue } from "./context.js";

const SESSION_PREFIX = "session-";

/**
 * The session on the server and while hydrating, where storage is not read: it renders as signed out
 * (no request), but nobody is known to be signed out, so `or: "redirect" | "throw"` must wait for the browser.
 */
export const UNKNOWN_SESSION = "unknown";

/**
 * swr keys live in swr's global cache, so each one starts with its provider's scope (no two providers or
 * tests share data). A custom cache provider would give isolation too, but swr drops its request dedupe
 * state when StrictMode re-mounts one, which doubles every first request in development.
 */
export function providerScoped({ scope }: Pick<StackContextValue, "scope">, resource: string): string {
  return `${scope} ${resource}`;
}

/** The swr key of a per-session resource, or null (no request) when signed out. */
export function sessionScoped(
  { scope, sessionKey }: Pick<StackContextValue, "scope" | "sessionKey">,
  resource: string,
): string | null {
  return sessionKey.startsWith(SESSION_PREFIX) ? `${scope} ${sessionKey} ${resource}` : null;
}

/** Whether an swr key belongs to one of this provider's sessions other than `sessionKey`. */
export function isStaleSessionKey(
  key: string,
  { scope, sessionKey }: Pick<StackContextValue, "scope" | "sessionKey">,
) {
  return key.startsWith(`${scope} ${SESSION_PREFIX}`) && !key.startsWith(`${scope} ${sessionKey} `);
}
