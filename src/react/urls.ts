import { safeRedirectTarget } from "../core/index.js";

/** Where each page of the kit lives; an app overrides any of them through `<StackProvider urls>`. */
export interface StackUrls {
  home: string;
  signIn: string;
  signUp: string;
  signOut: string;
  afterSignIn: string;
  afterSignUp: string;
  afterSignOut: string;
  emailVerification: string;
}

export const RETURN_TO_PARAM = "after_auth_return_to";

export function resolveUrls(urls: Partial<StackUrls> = {}): StackUrls {
  const home = urls.home ?? "/";
  const afterSignIn = urls.afterSignIn ?? home;
  return {
    home,
    signIn: "/handler/sign-in",
    signUp: "/handler/sign-up",
    signOut: "/handler/sign-out",
    emailVerification: "/handler/email-verification",
    afterSignOut: home,
    afterSignUp: afterSignIn,
    ...urls,
    afterSignIn,
  };
}

/** `page` with the current location as the same-origin place to come back to. */
export function withReturnTo(page: string, location: Location): string {
  const here = location.pathname + location.search + location.hash;
  const existing = new URLSearchParams(location.search).get(RETURN_TO_PARAM);
  const url = new URL(page, location.origin);
  url.searchParams.set(RETURN_TO_PARAM, existing ?? here);
  return url.pathname + url.search;
}

/**
 * Where to go once signed in: the `after_auth_return_to` of the current URL when it is a safe
 * same-origin path (never the auth pages themselves), else `fallback`.
 */
export function returnTarget(location: Location, urls: StackUrls, fallback: string): string {
  return safeRedirectTarget(new URLSearchParams(location.search).get(RETURN_TO_PARAM), {
    origin: location.origin,
    fallback,
    avoid: [urls.signIn, urls.signUp, urls.signOut],
  });
}
