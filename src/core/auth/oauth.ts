// OAuth sign-in through Stack with PKCE (CLIENT-API.md §5), by redirect or in a popup. Browser only, and
// only when called: nothing here touches window or storage at import time.
import type { StackClient } from "../client.js";
import { StackError } from "../errors.js";
import { decodeJwtPayload } from "../jwt.js";
import type { SignedIn } from "./common.js";
import { codeChallenge, randomToken } from "./pkce.js";

/** sessionStorage key prefix; one entry per attempt, keyed by its `state`. */
const PREFIX = "stack-react-kit:oauth:";
/** Stack's outer flow dies 10 min after authorize (OUTER_OAUTH_TIMEOUT), and so do our attempts. */
const TTL = 600_000;
/** Query params Stack adds to the redirect URI: the answer, or the error redirect of §5.2. */
const CALLBACK_PARAMS = ["code", "state", "error", "error_description", "errorCode", "message", "details"];
const POPUP_NAME = "stack-oauth";
const MESSAGE_TYPE = "stack-oauth-callback";

interface Attempt {
  verifier: string;
  /** Exactly what authorize got: the exchange must send the same string. */
  redirectUri: string;
  returnTo: string | null;
  createdAt: number;
}

export interface OAuthResult extends SignedIn {
  /** The `returnTo` given to startOAuth (check it with `safeRedirectTarget` before following it). */
  returnTo: string | null;
}

export interface StartOAuthOptions {
  /** A provider id of the project's `oauthProviders`, e.g. "github". */
  provider: string;
  /** The OAuth callback page (absolute, or relative to this page); must be on a trusted domain. */
  redirectUri: string;
  /** Where to go after signing in; kept in this tab and handed back by completeOAuth. */
  returnTo?: string;
  /** "redirect" (default) leaves the page; "popup" signs in in a small window and resolves here. */
  mode?: "redirect" | "popup";
  /** How to leave the page in redirect mode. Default: `location.assign`. */
  navigate?: (url: string) => void;
}

const stripCallbackParams = (url: URL) => {
  for (const param of CALLBACK_PARAMS) url.searchParams.delete(param);
  return url;
};

/** The stored attempt, or null when missing, unreadable or expired. */
const readAttempt = (key: string): Attempt | null => {
  try {
    const attempt = JSON.parse(sessionStorage.getItem(key) ?? "null");
    return attempt && Date.now() - attempt.createdAt < TTL ? attempt : null;
  } catch {
    return null;
  }
};

// Rejects the popup attempt still waiting, if any: a new one reuses its window (same name).
let cancelPopup: (() => void) | undefined;

/**
 * Starts signing in with `provider`. Call it straight from the click handler: in popup mode the window must
 * open before the first `await`, or browsers block it.
 *
 * Per attempt: a fresh `state` and PKCE verifier (256 bits each), stored in sessionStorage under
 * `stack-react-kit:oauth:<state>` with the redirect URI and `returnTo`, for 10 minutes. Then
 * `GET /auth/oauth/authorize/<provider>` in json mode (a plain fetch, no X-Stack-* headers) gives the provider URL.
 * - redirect: `navigate(url)`; resolves (to undefined) as the page leaves. The callback page calls completeOAuth.
 * - popup: a blank window opened at once is sent to the provider; its callback page calls finishOAuthPopup, which
 *   posts the URL back here; resolves like completeOAuth. Popup blocked → falls back to redirect. Closed by the
 *   user → StackError OAUTH_POPUP_CLOSED (status 0): a cancel, not a failure to show.
 *
 * An anonymous session is upgraded in place: its access token goes along as the authorize `token` param, which is
 * Stack's protocol for that (§5.1, §11). It is the one place a token travels in a URL: a fetch, never a page
 * address, and only for anonymous sessions (a real account's token is never sent).
 */
export async function startOAuth(
  client: StackClient,
  { provider, redirectUri, returnTo, mode, navigate = (url) => location.assign(url) }: StartOAuthOptions,
): Promise<OAuthResult | undefined> {
  const state = randomToken();
  const verifier = randomToken();
  // Stack drops the fragment, and leftover params of an earlier callback would confuse the next one.
  const redirect = stripCallbackParams(new URL(redirectUri, location.href));
  redirect.hash = "";
  for (let i = sessionStorage.length; i--; ) {
    const key = sessionStorage.key(i);
    if (key?.startsWith(PREFIX) && !readAttempt(key)) sessionStorage.removeItem(key);
  }
  const key = PREFIX + state;
  const attempt: Attempt = {
    verifier,
    redirectUri: redirect.href,
    returnTo: returnTo ?? null,
    createdAt: Date.now(),
  };
  // Stored before the popup opens: a popup gets a copy of this tab's sessionStorage, so it can still finish
  // on its own if a provider page cuts it off from us (Cross-Origin-Opener-Policy).
  sessionStorage.setItem(key, JSON.stringify(attempt));
  cancelPopup?.();
  const w = 500;
  const h = 650;
  // Blank now, pointed at the provider once we know its URL; null = blocked.
  const popup =
    mode === "popup"
      ? window.open(
          "",
          POPUP_NAME,
          `popup,width=${w},height=${h},left=${screenX + (outerWidth - w) / 2},top=${screenY + (outerHeight - h) / 2}`,
        )
      : null;

  let url: string;
  try {
    const tokens = await client.getLikelyValidTokens();
    const params: Record<string, string> = {
      redirect_uri: attempt.redirectUri,
      scope: "legacy",
      response_type: "code",
      grant_type: "authorization_code",
      state,
      code_challenge: await codeChallenge(verifier),
      code_challenge_method: "S256",
      stack_response_mode: "json",
    };
    if (tokens?.accessToken && decodeJwtPayload(tokens.accessToken)?.is_anonymous) {
      params.token = tokens.accessToken;
    }
    ({ location: url } = await client.request<{ location: string }>(
      `/auth/oauth/authorize/${encodeURIComponent(provider)}`,
      { oauth: true, body: params },
    ));
  } catch (e) {
    sessionStorage.removeItem(key);
    popup?.close();
    throw e;
  }
  if (!popup) {
    navigate(url);
    return;
  }
  popup.location.href = url;
  return (await completeOAuth(client, { url: await popupCallback(popup, state) })) ?? undefined;
}

/** Resolves with the callback URL the popup posts back, or rejects with OAUTH_POPUP_CLOSED. */
function popupCallback(popup: Window, state: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let closedSeen = false;
    const stop = () => {
      removeEventListener("message", onMessage);
      clearInterval(timer);
      cancelPopup = undefined;
    };
    const onMessage = ({ origin, data }: MessageEvent) => {
      if (origin !== location.origin || data?.type !== MESSAGE_TYPE || typeof data.url !== "string") return;
      // Stack's error redirect carries no state; an answer must belong to this attempt.
      const answerState = new URL(data.url, location.href).searchParams.get("state");
      if (answerState && answerState !== state) return;
      stop();
      resolve(data.url);
    };
    const cancel = () => {
      stop();
      sessionStorage.removeItem(PREFIX + state);
      reject(
        new StackError("OAUTH_POPUP_CLOSED", 0, "The sign-in window was closed before signing in finished."),
      );
    };
    // The popup posts its URL and then closes itself, so `closed` can turn true just before that message is
    // delivered: only a second look, 500 ms later, counts as closed by the user.
    const timer = setInterval(() => {
      if (!popup.closed) return;
      if (closedSeen) cancel();
      closedSeen = true;
    }, 500);
    addEventListener("message", onMessage);
    cancelPopup = cancel;
  });
}

// One exchange per state for the page's lifetime: a second call for the same callback (React StrictMode runs
// effects twice) gets the same promise instead of finding the attempt gone ("invalid state").
const flights = new Map<string, Promise<OAuthResult>>();

/**
 * Finishes the sign-in on the OAuth callback page (or, in popup mode, with the URL the popup posted).
 * - `url` without `code` + `state`, or with a state this tab did not start (or older than 10 min): not ours,
 *   resolves to null and touches nothing (an app's own `?code=` is left alone).
 * - `errorCode` (+ `message`, `details`) params, Stack's error redirect: rejects with that StackError (status 0:
 *   it came in the URL, not in an HTTP answer).
 * - otherwise deletes the stored attempt, then `POST /auth/oauth/token` (authorization-code grant, form-encoded,
 *   no preflight), starts the session and resolves. MFA users: MULTI_FACTOR_AUTHENTICATION_REQUIRED (§8).
 *
 * The address bar: when `url` is the current location, the OAuth params (code, state, error…) are removed with
 * `history.replaceState` (keeping `history.state` and the hash) a microtask after the call: before the exchange
 * answers, yet late enough that a re-run in the same task (StrictMode) reads the same URL. Callers should still
 * read the URL once (e.g. at first render) and pass that string on every call.
 */
export function completeOAuth(client: StackClient, { url }: { url: string }): Promise<OAuthResult | null> {
  const parsed = new URL(url, location.href);
  const query = parsed.searchParams;
  const state = query.get("state") ?? "";
  const code = query.get("code");
  const errorCode = query.get("errorCode");
  let flight = flights.get(state);
  if (!flight) {
    const attempt = state && code ? readAttempt(PREFIX + state) : null;
    if (!attempt && !errorCode) return Promise.resolve(null);
    // Gone before the exchange: whatever happens next, this code is never sent twice.
    sessionStorage.removeItem(PREFIX + state);
    flight =
      !errorCode && attempt && code
        ? exchange(client, code, attempt)
        : Promise.reject(urlError(query, errorCode ?? ""));
    if (state) flights.set(state, flight);
  }
  queueMicrotask(() => {
    if (location.href === parsed.href) history.replaceState(history.state, "", stripCallbackParams(parsed));
  });
  return flight;
}

async function exchange(client: StackClient, code: string, attempt: Attempt): Promise<OAuthResult> {
  const answer = await client.request<{ access_token: string; refresh_token: string; is_new_user?: boolean }>(
    "/auth/oauth/token",
    {
      method: "POST",
      oauth: true,
      body: {
        grant_type: "authorization_code",
        code,
        redirect_uri: attempt.redirectUri,
        code_verifier: attempt.verifier,
      },
    },
  );
  client.startSession(answer);
  return {
    // The token grant answers no user id: it is the access token's subject.
    userId: decodeJwtPayload(answer.access_token)?.sub ?? "",
    isNewUser: !!answer.is_new_user,
    returnTo: attempt.returnTo,
  };
}

/** Stack's error redirect: `errorCode`, `message`, `details` (JSON) params (§5.2). */
function urlError(query: URLSearchParams, code: string): StackError {
  let details: Record<string, unknown> | undefined;
  try {
    details = JSON.parse(query.get("details") ?? "") || undefined;
  } catch {}
  return new StackError(code, 0, query.get("message") || code, details);
}

/** This page runs in the popup startOAuth opened (its callback page should call finishOAuthPopup). */
export const isOAuthPopup = (): boolean =>
  typeof window !== "undefined" && !!window.opener && window.name === POPUP_NAME;

/**
 * On the callback page: if this is startOAuth's popup, posts the URL to the opener (this origin only: it holds
 * the one-time code), closes the window and returns true; the opener finishes the sign-in. Otherwise false.
 */
export function finishOAuthPopup(): boolean {
  if (!isOAuthPopup()) return false;
  window.opener.postMessage({ type: MESSAGE_TYPE, url: location.href }, location.origin);
  window.close();
  return true;
}
