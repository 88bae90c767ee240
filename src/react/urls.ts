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
  /** Where OAuth providers send the browser back to (the `redirect_uri`). */
  oauthCallback: string;
  /** Where the link of a sign-in email lands. */
  magicLinkCallback: string;
  /** Where the link of a password-reset email lands. */
  passwordReset: string;
  /** Where the user asks for a password-reset email. */
  forgotPassword: string;
  /** Where failures that have no page of their own are shown. */
  error: string;
}

export const RETURN_TO_PARAM = "after_auth_return_to";

/** The pages `<StackHandler>` serves, by their `StackUrls` key, with their default slug under `/handler`. */
export const HANDLER_PAGES = {
  signIn: "sign-in",
  signUp: "sign-up",
  signOut: "sign-out",
  oauthCallback: "oauth-callback",
  magicLinkCallback: "magic-link-callback",
  emailVerification: "email-verification",
  passwordReset: "password-reset",
  forgotPassword: "forgot-password",
  error: "error",
} as const satisfies Partial<Record<keyof StackUrls, string>>;

export type HandlerPage = keyof typeof HANDLER_PAGES;

export function resolveUrls(urls: Partial<StackUrls> = {}): StackUrls {
  const home = urls.home ?? "/";
  const afterSignIn = urls.afterSignIn ?? home;
  const pages = Object.fromEntries(
    Object.entries(HANDLER_PAGES).map(([key, slug]) => [key, `/handler/${slug}`]),
  ) as Record<HandlerPage, string>;
  return {
    home,
    ...pages,
    afterSignOut: home,
    afterSignUp: afterSignIn,
    ...urls,
    afterSignIn,
  };
}

/** `page` with the current location as the same-origin place to come back to. */
export function withReturnTo(page: string, location: Location, urls?: StackUrls): string {
  const url = new URL(page, location.origin);
  const returnTo = returnParam(location, urls);
  if (returnTo) url.searchParams.set(RETURN_TO_PARAM, returnTo);
  return url.pathname + url.search;
}

/**
 * The absolute URL of `page` for the server to put in an email or redirect to (CLIENT-API §12.5): built from
 * the current location, without a hash, carrying the place to come back to.
 */
export function callbackUrl(page: string, location: Location, urls?: StackUrls): string {
  const url = new URL(page, location.href);
  url.hash = "";
  const returnTo = returnParam(location, urls);
  if (returnTo) url.searchParams.set(RETURN_TO_PARAM, returnTo);
  return url.href;
}

/** The current `after_auth_return_to`, or else the current page. */
function returnParam(location: Location, urls?: StackUrls): string | undefined {
  const existing = new URLSearchParams(location.search).get(RETURN_TO_PARAM);
  if (existing) return existing;
  // An auth page is no place to come back to, and its query may hold a one-time code: carry nothing.
  if (urls && authPages(urls).includes(location.pathname)) return undefined;
  return location.pathname + location.search + location.hash;
}

/** The kit's own pages: never a place to come back to after auth (it would loop or redo the flow). */
function authPages(urls: StackUrls): string[] {
  return (Object.keys(HANDLER_PAGES) as HandlerPage[]).map((key) => urls[key]);
}

/**
 * Where to go once signed in: `target` (e.g. the return path an OAuth flow stored) or else the
 * `after_auth_return_to` of the current URL, when it is a safe same-origin path and not one of the kit's
 * pages; otherwise `fallback`.
 */
export function returnTarget(
  location: Location,
  urls: StackUrls,
  fallback: string,
  target?: string | null,
): string {
  const options = { origin: location.origin, fallback: "", avoid: authPages(urls) };
  const fromUrl = new URLSearchParams(location.search).get(RETURN_TO_PARAM);
  return safeRedirectTarget(target, options) || safeRedirectTarget(fromUrl, { ...options, fallback });
}
