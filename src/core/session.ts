import type { ResolvedConfig } from "./config.js";
import { isAccessTokenError, isStackError } from "./errors.js";
import { apiRequest, oauthRequest } from "./http.js";
import { decodeJwtPayload } from "./jwt.js";
import type { Tokens } from "./token-store.js";

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** false: send no session tokens (for endpoints that need no user). Default true. */
  auth?: boolean;
  /**
   * Stack's OAuth endpoints (§5): `body` (string values) plus client_id/client_secret goes in the query (GET)
   * or form-encoded (POST), without `X-Stack-*` headers or tokens, so the browser sends no preflight.
   */
  oauth?: boolean;
}

export interface Session {
  getLikelyValidTokens(): Promise<Tokens | null>;
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Stores the tokens of a sign-in/sign-up answer and returns the user id. */
  start(answer: { access_token: string; refresh_token: string; user_id: string }): { userId: string };
  /** Forgets the access token (not the session) so the next request fetches one with fresh claims. */
  dropAccessToken(onlyIf?: string): void;
}

/** An access token is used only while it has more than this left; below it we refresh first (§12.1). */
const EXPIRY_MARGIN_MS = 20_000;

export const isFresh = (accessToken: string | null) => {
  const exp = accessToken ? decodeJwtPayload(accessToken)?.exp : undefined;
  return typeof exp === "number" && exp * 1000 - Date.now() > EXPIRY_MARGIN_MS;
};

/**
 * The OAuth refresh grant, form-encoded and without X-Stack-* headers: a CORS-simple request, so no preflight,
 * and no expired access token that would make it fail (§2.3 A). Safe to repeat (no rotation).
 */
export const refreshGrant = (cfg: ResolvedConfig, refreshToken: string) =>
  oauthRequest<{ access_token: string; refresh_token?: string }>(
    cfg,
    "/auth/oauth/token",
    "POST",
    { grant_type: "refresh_token", refresh_token: refreshToken },
    undefined,
    true,
  );

export function createSession(cfg: ResolvedConfig): Session {
  const { store } = cfg;
  // One refresh in flight per refresh token: concurrent callers share it (§12.1.3).
  const inflight = new Map<string, Promise<Tokens | null>>();

  /** Compare-and-set: write only if the session is still the one `refreshToken` started (§12.1.4). */
  const setIfCurrent = (refreshToken: string, next: Tokens | null) => {
    const ok = store.get()?.refreshToken === refreshToken;
    if (ok) store.set(next);
    return ok;
  };

  /** Other tabs refresh the same session: Web Locks make them take turns, where the browser has them. */
  const withRefreshLock = <T>(fn: () => Promise<T>): Promise<T> => {
    const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
    return locks ? (locks.request(`stack-react-kit-refresh:${cfg.projectId}`, fn) as Promise<T>) : fn();
  };

  /** Resolves to fresh tokens, or undefined when the session changed meanwhile and the caller must look again. */
  const refresh = (refreshToken: string) =>
    withRefreshLock(async (): Promise<Tokens | undefined> => {
      const current = store.get();
      if (current?.refreshToken !== refreshToken) return undefined;
      // Another tab refreshed while this one waited for the lock.
      if (isFresh(current.accessToken)) return current;
      try {
        const answer = await refreshGrant(cfg, refreshToken);
        const next = { refreshToken: answer.refresh_token ?? refreshToken, accessToken: answer.access_token };
        return setIfCurrent(refreshToken, next) ? next : undefined;
      } catch (e) {
        // The session is gone for good (signed out, revoked, expired): end it here too. Anything else
        // (network, misconfigured key) keeps the tokens, which may still be fine, and reaches the caller.
        if (!isStackError(e, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED")) throw e;
        setIfCurrent(refreshToken, null);
        return undefined;
      }
    });

  async function getLikelyValidTokens(): Promise<Tokens | null> {
    const tokens = store.get();
    if (!tokens) return null;
    if (isFresh(tokens.accessToken)) return tokens;
    const { refreshToken } = tokens;
    let pending = inflight.get(refreshToken);
    if (!pending) {
      pending = refresh(refreshToken)
        .then((next) => next ?? getLikelyValidTokens())
        .finally(() => inflight.delete(refreshToken));
      inflight.set(refreshToken, pending);
    }
    return pending;
  }

  const dropAccessToken = (onlyIf?: string) => {
    const current = store.get();
    if (current?.accessToken && (onlyIf === undefined || current.accessToken === onlyIf)) {
      store.set({ refreshToken: current.refreshToken, accessToken: null });
    }
  };

  /**
   * §12.2: a 401 of the invalid-access-token family means our access token was bad. Drop it (if it is still
   * the stored one), refresh once, retry once. If the refresh token was rejected too, the session has ended
   * and the retry goes out without tokens, so the endpoint's own "not signed in" answer decides.
   */
  async function request<T>(path: string, { auth = true, oauth, ...init }: RequestOptions = {}): Promise<T> {
    if (oauth)
      return oauthRequest<T>(
        cfg,
        path,
        (init.method ?? "GET").toUpperCase(),
        init.body as never,
        init.signal,
      );
    const used = auth ? await getLikelyValidTokens() : null;
    try {
      return await apiRequest<T>(cfg, path, { ...init, tokens: used });
    } catch (e) {
      if (!used?.accessToken || !isAccessTokenError(e)) throw e;
      dropAccessToken(used.accessToken);
      return apiRequest<T>(cfg, path, { ...init, tokens: await getLikelyValidTokens() });
    }
  }

  return {
    getLikelyValidTokens,
    request,
    dropAccessToken,
    start(answer) {
      store.set({ accessToken: answer.access_token, refreshToken: answer.refresh_token });
      return { userId: answer.user_id };
    },
  };
}
