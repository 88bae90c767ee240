import { useState } from "react";
import { startOAuth } from "../core/index.js";
import { useStackContext } from "./context.js";
import { useAuthRedirects } from "./navigation.js";
import { RETURN_TO_PARAM } from "./urls.js";
import { type ActionState, useActions } from "./useAction.js";

export interface OAuthSignInResult {
  userId: string;
  isNewUser: boolean;
  /** The return path kept across the provider's pages (use it only through the kit's redirect rules). */
  returnTo: string | null;
}

export interface UseOAuthResult extends ActionState {
  /**
   * Signs in (or up) with an OAuth provider. Redirect (default): the page leaves for the provider, the
   * promise resolves `undefined` and `isRedirecting` turns true; the sign-in finishes on `urls.oauthCallback`.
   * `popup: true`: the provider opens in a popup and the promise resolves with the result here (a blocked
   * popup falls back to the redirect). `null`: failed, with `error` set.
   */
  signIn(provider: string, options?: { popup?: boolean }): Promise<OAuthSignInResult | undefined | null>;
  /** The page is on its way to the provider: keep the buttons disabled. */
  isRedirecting: boolean;
}

/** OAuth sign-in with PKCE (CLIENT-API §5). */
export function useOAuth(): UseOAuthResult {
  const { client, urls, navigateExternal } = useStackContext();
  const redirects = useAuthRedirects();
  const [run, state] = useActions();
  const [isRedirecting, setRedirecting] = useState(false);
  return {
    ...state,
    isRedirecting,
    signIn: (provider, { popup = false } = {}) =>
      run("signIn", async () => {
        const result = await startOAuth(client, {
          provider,
          redirectUri: redirects.callbackUrl(urls.oauthCallback),
          returnTo: new URLSearchParams(window.location.search).get(RETURN_TO_PARAM) ?? undefined,
          mode: popup ? "popup" : "redirect",
          navigate: (url: string) => {
            setRedirecting(true);
            if (navigateExternal) navigateExternal(url);
            else window.location.assign(url);
          },
        });
        return result ?? undefined;
      }),
  };
}
