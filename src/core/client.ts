import { resolveConfig, type StackClientOptions } from "./config.js";
import { type CurrentUser, getUser, type UserUpdate, updateUser } from "./resources/user.js";
import { createSession, type RequestOptions } from "./session.js";
import { endServerSession } from "./sign-out.js";
import type { Tokens } from "./token-store.js";

export interface StackClient {
  readonly projectId: string;
  /** `<baseUrl>/api/v1` */
  readonly apiUrl: string;
  /** "signed-out" or "session-<n>": changes only when the refresh token changes, and never contains a token. */
  getSessionKey(): string;
  /** A refresh token is stored (the user may still turn out to be signed out once the server is asked). */
  hasSession(): boolean;
  /** Called whenever the stored tokens change, in this tab or (with the localStorage store) another one. */
  subscribe(listener: () => void): () => void;
  /** Tokens whose access token has more than 20 s left, refreshing first if needed (§12.1); null when signed out. */
  getLikelyValidTokens(): Promise<Tokens | null>;
  /**
   * Any client-access endpoint, with the session's tokens unless `auth: false`, and the 401 rule of §12.2;
   * or, with `oauth: true`, one of Stack's OAuth endpoints (form/query, client credentials, no X-Stack-* headers).
   */
  request<T>(path: string, init?: RequestOptions): Promise<T>;
  /** Stores the tokens of a sign-in answer and notifies subscribers: how every flow in `auth/` signs in. */
  startSession(answer: { access_token: string; refresh_token: string }): void;
  /**
   * Forgets the access token (not the session), so the next request gets a new one: call it after anything that
   * makes the token's claims stale (email verified, password reset…) or the server may have ended the session.
   */
  dropAccessToken(): void;
  /** Ends the session on the server if it can, and locally in any case; never throws. */
  signOut(): Promise<void>;
  getUser(options?: { signal?: AbortSignal }): Promise<CurrentUser | null>;
  updateUser(patch: UserUpdate): Promise<CurrentUser>;
}

export function createStackClient(options: StackClientOptions): StackClient {
  const cfg = resolveConfig(options);
  const { store } = cfg;
  const session = createSession(cfg);
  let sessionCount = 0;
  let lastRefreshToken: string | undefined;
  let sessionKey = "signed-out";

  return {
    projectId: cfg.projectId,
    apiUrl: cfg.apiUrl,
    getSessionKey() {
      const refreshToken = store.get()?.refreshToken;
      if (refreshToken !== lastRefreshToken) {
        lastRefreshToken = refreshToken;
        sessionKey = refreshToken ? `session-${++sessionCount}` : "signed-out";
      }
      return sessionKey;
    },
    hasSession: () => !!store.get(),
    subscribe: (listener) => store.subscribe(listener),
    getLikelyValidTokens: session.getLikelyValidTokens,
    request: session.request,
    startSession(answer) {
      store.set({ accessToken: answer.access_token, refreshToken: answer.refresh_token });
    },
    dropAccessToken: () => session.dropAccessToken(),
    async signOut() {
      const tokens = store.get();
      // Signed out here, and in every tab, at once: the server call must not keep the user waiting (it may be
      // offline), and a refresh still in flight cannot bring the session back (compare-and-set).
      store.set(null);
      if (tokens) void endServerSession(cfg, tokens);
    },
    getUser: (o) => getUser(session, o?.signal),
    updateUser: (patch) => updateUser(session, patch),
  };
}
