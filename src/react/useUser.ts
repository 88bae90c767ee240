import { useEffect } from "react";
import useSWR from "swr";
import { type CurrentUser, StackError } from "../core/index.js";
import { useStackContext } from "./context.js";
import { sessionScoped, UNKNOWN_SESSION } from "./sessionKey.js";
import { withReturnTo } from "./urls.js";

export type UserOr = "return-null" | "redirect" | "throw";

export interface UseUserOptions {
  /** What happens when nobody is signed in: `null` (default), a redirect to sign-in, or an error thrown to the nearest boundary. */
  or?: UserOr;
}

export interface UseUserResult {
  user: CurrentUser | null;
  /** True while the user loads, and while a signed-out visitor is being redirected. */
  isLoading: boolean;
  error: StackError | undefined;
}

const USER = "users/me";

/** The signed-in user. Signed out, it makes no request at all; any number of callers share one request. */
export function useUser(options: UseUserOptions = {}): UseUserResult {
  const context = useStackContext();
  const { client, sessionKey } = context;
  const { data, error, isLoading } = useSWR(sessionScoped(context, USER), () => client.getUser());
  const user = data ?? null;
  // Server render and hydration: shown signed out, but a guarded page waits (loading) for the browser's answer.
  const unknown = sessionKey === UNKNOWN_SESSION;
  const guarded = options.or === "redirect" || options.or === "throw";
  const missing = !unknown && !isLoading && !error && !user;
  useSignedOutOutcome(options.or, missing);
  return {
    user,
    isLoading: isLoading || (missing && options.or === "redirect") || (unknown && guarded),
    error,
  };
}

/** The suspense form: suspends while the user loads; with `or: "redirect"` it suspends until the redirect. */
export function useSuspenseUser(options: { or: "redirect" | "throw" }): CurrentUser;
export function useSuspenseUser(options?: UseUserOptions): CurrentUser | null;
export function useSuspenseUser(options: UseUserOptions = {}): CurrentUser | null {
  const context = useStackContext();
  const { client, sessionKey, navigate, urls } = context;
  const { data } = useSWR(sessionScoped(context, USER), () => client.getUser(), { suspense: true });
  const user = data ?? null;
  // Server render and hydration: nobody is known to be signed out yet, so no redirect and no throw.
  if (!user && sessionKey === UNKNOWN_SESSION && (options.or === "redirect" || options.or === "throw")) {
    throw never;
  }
  if (!user && options.or === "redirect") {
    // Effects of a suspended render never run, so the navigation is queued from here.
    queueMicrotask(() => navigate(withReturnTo(urls.signIn, window.location), { replace: true }));
    throw never;
  }
  if (!user && options.or === "throw") throw notSignedIn();
  return user;
}

// A promise that never settles keeps a suspense boundary up until the navigation takes over.
const never = new Promise<never>(() => {});

function useSignedOutOutcome(or: UserOr | undefined, missing: boolean) {
  const { navigate, urls } = useStackContext();
  const redirect = missing && or === "redirect";
  useEffect(() => {
    if (redirect) navigate(withReturnTo(urls.signIn, window.location), { replace: true });
  }, [redirect, navigate, urls.signIn]);
  if (missing && or === "throw") throw notSignedIn();
}

function notSignedIn(): StackError {
  return new StackError("USER_NOT_SIGNED_IN", 401, "No user is signed in.");
}
