import { useStackContext } from "./context.js";
import { callbackUrl, returnTarget, type StackUrls, withReturnTo } from "./urls.js";

/** The app's auth page URLs, as configured on `<StackProvider urls>`. */
export function useStackUrls(): StackUrls {
  return useStackContext().urls;
}

/** The provider's navigate function (the app's router, or `location` by default). */
export function useStackNavigate() {
  return useStackContext().navigate;
}

/** What a sign-in flow tells the redirect rules: a new user goes to afterSignUp, an OAuth flow may name its return path. */
export interface AuthOutcome {
  isNewUser?: boolean;
  /** A return path the flow kept (OAuth keeps it across the provider's pages); followed only when safe. */
  returnTo?: string | null;
}

/**
 * The kit's redirect rules: after an auth flow go back to `after_auth_return_to` when it is a safe
 * same-origin path (never another origin, `javascript:`, or the auth pages themselves), else to the
 * configured page; links between auth pages keep that return path.
 */
export function useAuthRedirects() {
  const { navigate, urls } = useStackContext();
  const after = (fallback: string, target?: string | null) =>
    navigate(returnTarget(window.location, urls, fallback, target), { replace: true });
  return {
    afterSignIn: () => after(urls.afterSignIn),
    afterSignUp: () => after(urls.afterSignUp),
    /** After any sign-in flow: afterSignUp for a new user, else afterSignIn (or the safe return path). */
    afterAuth: ({ isNewUser, returnTo }: AuthOutcome = {}) =>
      after(isNewUser ? urls.afterSignUp : urls.afterSignIn, returnTo),
    // Replace: Back must not return to a page (or a sign-in redirect) of the session that just ended.
    afterSignOut: () => navigate(urls.afterSignOut, { replace: true }),
    /** `page` carrying the current return path, for links such as "Create an account". */
    linkTo: (page: string) =>
      typeof window === "undefined" ? page : withReturnTo(page, window.location, urls),
    /** The absolute URL of `page` for the server (emails, OAuth redirect_uri), carrying the return path. */
    callbackUrl: (page: string) => callbackUrl(page, window.location, urls),
  };
}
