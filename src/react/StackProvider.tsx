import { type ReactNode, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { SWRConfig, type SWRConfiguration, useSWRConfig } from "swr";
import { createStackClient, type StackClient, type StackClientOptions } from "../core/index.js";
import { type Navigate, StackContext, type StackContextValue } from "./context.js";
import { isStaleSessionKey, UNKNOWN_SESSION } from "./sessionKey.js";
import { resolveUrls, type StackUrls } from "./urls.js";

export type StackProviderProps = (StackClientOptions | { client: StackClient }) & {
  /** How the kit changes pages; pass your router's navigate. Defaults to `location.assign/replace`. */
  navigate?: Navigate;
  /**
   * How the kit sends the browser to another site (an OAuth provider's consent page): routers cannot.
   * Defaults to `location.assign`.
   */
  navigateExternal?: (url: string) => void;
  urls?: Partial<StackUrls>;
  children?: ReactNode;
};

const defaultNavigate: Navigate = (to, options) => {
  if (options?.replace) window.location.replace(to);
  else window.location.assign(to);
};

/**
 * Holds the client and the session. Every cached read is keyed by the session, so a sign-out or
 * another user's sign-in never shows the previous user's data, not even for one render.
 */
export function StackProvider({
  navigate,
  navigateExternal,
  urls,
  children,
  ...options
}: StackProviderProps) {
  // Created once: a provider re-render must not open a second session.
  const [client] = useState(() => ("client" in options ? options.client : createStackClient(options)));
  // On the server, and while hydrating, every provider renders signed out: no storage is read. The key
  // is UNKNOWN_SESSION there, not "signed-out", so guards do not redirect or throw for a user who may be signed in.
  const sessionKey = useSyncExternalStore(client.subscribe, client.getSessionKey, () => UNKNOWN_SESSION);
  const [scope] = useState(() => `stack${++providers}`);
  const value = useMemo<StackContextValue>(
    () => ({
      client,
      sessionKey,
      scope,
      navigate: navigate ?? defaultNavigate,
      navigateExternal,
      urls: resolveUrls(urls),
    }),
    [client, sessionKey, scope, navigate, navigateExternal, urls],
  );
  return (
    <SWRConfig value={swrConfig}>
      <StackContext.Provider value={value}>
        <ReleaseStaleSessions scope={scope} sessionKey={sessionKey} />
        {children}
      </StackContext.Provider>
    </SWRConfig>
  );
}

let providers = 0;

// Retries live in the core; a tab coming back into focus is no reason to ask who the user is.
const swrConfig: SWRConfiguration = { revalidateOnFocus: false, shouldRetryOnError: false };

/** Frees what earlier sessions cached: their keys are unreachable already, this releases memory. */
function ReleaseStaleSessions({ scope, sessionKey }: { scope: string; sessionKey: string }) {
  const { cache } = useSWRConfig();
  useEffect(() => {
    for (const key of cache.keys()) if (isStaleSessionKey(key, { scope, sessionKey })) cache.delete(key);
  }, [cache, scope, sessionKey]);
  return null;
}
