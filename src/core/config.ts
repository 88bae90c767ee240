import { StackConfigError } from "./errors.js";
import {
  createLocalStorageTokenStore,
  createMemoryTokenStore,
  getLocalStorage,
  type TokenStore,
} from "./token-store.js";

export interface StackClientOptions {
  projectId: string;
  publishableClientKey?: string;
  /** Default "https://api.stack-auth.com"; "/api/v1" is appended and a trailing "/" stripped. */
  baseUrl?: string;
  /** Default "local-storage" where localStorage works, else "memory". */
  tokenStore?: "memory" | "local-storage" | TokenStore;
  /** Default: `globalThis.fetch`, looked up at call time so MSW and other patches apply. */
  fetch?: typeof fetch;
  /**
   * Default 3 attempts with a 1000 ms base delay: about 3 s at worst before an error shows (the official
   * client's 5 attempts can keep a person waiting 15 s).
   */
  retry?: { attempts?: number; baseDelayMs?: number };
}

export interface ResolvedConfig {
  projectId: string;
  publishableClientKey?: string;
  apiUrl: string;
  store: TokenStore;
  fetch: typeof fetch;
  retry: { attempts: number; baseDelayMs: number };
}

export function resolveConfig(options: StackClientOptions): ResolvedConfig {
  // Options may come from untyped JS or spread env objects: look at every value, never echo one.
  const o = (options ?? {}) as StackClientOptions & Record<string, unknown>;
  if (
    o.secretServerKey !== undefined ||
    o.superSecretAdminKey !== undefined ||
    Object.values(o).some((v) => typeof v === "string" && /^(ssk|sak)_/.test(v))
  ) {
    throw new StackConfigError(
      "stack-react-kit refused a secret server key or admin key. This kit runs in the browser, where every " +
        "visitor can read it: pass only projectId and publishableClientKey, and keep server keys on your server.",
    );
  }
  if (o.accessType !== undefined && o.accessType !== "client") {
    throw new StackConfigError(
      'stack-react-kit only supports accessType "client": server and admin access need secret keys, ' +
        "which must never reach a browser.",
    );
  }
  if (typeof o.projectId !== "string" || !o.projectId.trim()) {
    throw new StackConfigError(
      "stack-react-kit needs a Stack project id. Set VITE_STACK_PROJECT_ID and VITE_STACK_PUBLISHABLE_CLIENT_KEY " +
        "(from the Stack dashboard) and pass them as projectId and publishableClientKey.",
    );
  }
  const store = o.tokenStore;
  return {
    projectId: o.projectId,
    publishableClientKey: o.publishableClientKey || undefined,
    apiUrl: `${(o.baseUrl ?? "https://api.stack-auth.com").replace(/\/+$/, "")}/api/v1`,
    store:
      typeof store === "object"
        ? store
        : store === "memory" || (!store && !getLocalStorage())
          ? createMemoryTokenStore()
          : createLocalStorageTokenStore(o.projectId),
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry: { attempts: o.retry?.attempts ?? 3, baseDelayMs: o.retry?.baseDelayMs ?? 1000 },
  };
}
