/** The two tokens of a session (§2.2): the refresh token is the session, the access token a short-lived copy. */
export interface Tokens {
  accessToken: string | null;
  refreshToken: string;
}

export interface TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens | null): void;
  /** Called after every change, including changes made by other tabs where the store can see them. */
  subscribe(listener: () => void): () => void;
}

function createListeners() {
  const listeners = new Set<() => void>();
  return {
    listeners,
    notify: () => {
      for (const listener of [...listeners]) listener();
    },
  };
}

export function createMemoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  const { listeners, notify } = createListeners();
  return {
    get: () => tokens,
    set(next) {
      tokens = next;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** localStorage, or undefined where it is missing or blocked (SSR, sandboxed iframes, privacy modes). */
export function getLocalStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    storage.getItem("");
    return storage;
  } catch {
    return undefined;
  }
}

function parseTokens(raw: string | null | undefined): Tokens | null {
  try {
    const t = JSON.parse(raw ?? "null");
    return typeof t?.refreshToken === "string" &&
      (typeof t.accessToken === "string" || t.accessToken === null)
      ? { refreshToken: t.refreshToken, accessToken: t.accessToken }
      : null;
  } catch {
    return null;
  }
}

/**
 * Tokens in localStorage under `stack-react-kit:<projectId>` as JSON `{refreshToken, accessToken}`.
 * Other tabs' writes arrive as `storage` events and are passed on to subscribers.
 * Touches nothing at creation, so it is safe to build during SSR (it then reads as signed out).
 */
export function createLocalStorageTokenStore(projectId: string): TokenStore {
  const key = `stack-react-kit:${projectId}`;
  const { listeners, notify } = createListeners();
  // Where localStorage is missing or a write failed (quota, privacy mode), the tokens live in memory instead.
  let fallback: Tokens | null = null;
  let useFallback = false;
  // Keep the parsed value while the raw string is unchanged, so get() returns a stable object.
  let lastRaw: string | null | undefined;
  let last: Tokens | null = null;
  const onStorage = (e: StorageEvent) => {
    if (e.key === key || e.key === null) notify();
  };
  return {
    get() {
      const storage = getLocalStorage();
      if (useFallback || !storage) return fallback;
      const raw = storage.getItem(key);
      if (raw !== lastRaw) {
        lastRaw = raw;
        last = parseTokens(raw);
      }
      return last;
    },
    set(tokens) {
      fallback = tokens;
      try {
        const storage = getLocalStorage();
        if (tokens) storage?.setItem(key, JSON.stringify(tokens));
        else storage?.removeItem(key);
      } catch {
        useFallback = true;
      }
      notify();
    },
    subscribe(listener) {
      if (!listeners.size) globalThis.addEventListener?.("storage", onStorage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (!listeners.size) globalThis.removeEventListener?.("storage", onStorage);
      };
    },
  };
}
