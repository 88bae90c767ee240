import { useEffect, useRef, useState } from "react";
import { completeOAuth, finishOAuthPopup, type StackError } from "../core/index.js";
import { useStackClient } from "./context.js";
import { useAuthRedirects } from "./navigation.js";
import { toStackError } from "./useAction.js";
import type { OAuthSignInResult } from "./useOAuth.js";

/**
 * - `pending`: finishing the sign-in;
 * - `popup`: this page is the provider popup: it handed the URL to the window that opened it and closes;
 * - `signed-in`: done, navigating to the return path (or afterSignIn / afterSignUp);
 * - `none`: the URL is not one of this browser's OAuth callbacks (an unrelated `?code=`, or a reload after
 *   the sign-in finished): nothing was sent;
 * - `error`: `error` says why (MULTI_FACTOR_AUTHENTICATION_REQUIRED: ask for the second factor).
 */
export type OAuthCallbackStatus = "pending" | "popup" | "signed-in" | "none" | "error";

export interface UseOAuthCallbackResult {
  status: OAuthCallbackStatus;
  error: StackError | undefined;
  result: OAuthSignInResult | undefined;
}

/**
 * Finishes the OAuth sign-in of the page's URL (`url`, default the address at first render): exchanges the
 * code once, even when React runs the effect twice (StrictMode), then navigates by the kit's redirect rules.
 * `navigate: false` stays on the page (the caller acts on `status === "signed-in"`).
 */
export function useOAuthCallback(options: { url?: string; navigate?: boolean } = {}): UseOAuthCallbackResult {
  const client = useStackClient();
  const redirects = useAuthRedirects();
  const after = useRef(redirects.afterAuth);
  after.current = options.navigate === false ? () => {} : redirects.afterAuth;
  // Read once: the core takes the OAuth params out of the address bar as soon as it starts.
  const [initialUrl] = useState(() => (typeof window === "undefined" ? "" : window.location.href));
  const url = options.url ?? initialUrl;
  // Each answer is tagged with its URL: a new callback URL never shows the previous attempt's error.
  const [state, setState] = useState<UseOAuthCallbackResult & { url?: string }>(pending);
  // Survives StrictMode's unmount/remount: the exchange of one URL starts once here (and the core
  // shares one flight per state anyway).
  const started = useRef<{ url: string; promise: Promise<OAuthSignInResult | null> } | null>(null);

  useEffect(() => {
    if (started.current?.url === POPUP || finishOAuthPopup()) {
      started.current = { url: POPUP, promise: Promise.resolve(null) };
      setState({ url, status: "popup", error: undefined, result: undefined });
      return;
    }
    if (started.current?.url !== url) started.current = { url, promise: completeOAuth(client, { url }) };
    let live = true;
    started.current.promise.then(
      (result) => {
        if (!live) return;
        if (!result) return setState({ url, status: "none", error: undefined, result: undefined });
        setState({ url, status: "signed-in", error: undefined, result });
        after.current(result);
      },
      (error: unknown) => {
        if (live) setState({ url, status: "error", error: toStackError(error), result: undefined });
      },
    );
    return () => {
      live = false;
    };
  }, [client, url]);

  if (state.url !== url) return pending;
  const { url: _, ...result } = state;
  return result;
}

const POPUP = "popup";
const pending: UseOAuthCallbackResult = { status: "pending", error: undefined, result: undefined };
