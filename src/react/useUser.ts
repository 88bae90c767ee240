import { useEffect, useState } from "react";
import useSWR from "swr";
import { type CurrentUser, type StackClient, StackError, signUpAnonymously } from "../core/index.js";
import { useStackContext } from "./context.js";
import { sessionScoped, UNKNOWN_SESSION } from "./sessionKey.js";
import { withReturnTo } from "./urls.js";
import { toStackError } from "./useAction.js";

/**
 * What happens when nobody is signed in: `null` (default), a redirect to sign-in, an error thrown to the
 * nearest boundary, or (`"anonymous"`) a new anonymous user, created only then.
 */
export type UserOr = "return-null" | "redirect" | "throw" | "anonymous";

export interface UseUserOptions {
  /**
   * What happens when nobody is signed in. An anonymous user counts as nobody, except with `"anonymous"`,
   * which keeps (or creates) one; signing up later upgrades that same user.
   */
  or?: UserOr;
}

export interface UseUserResult {
  user: CurrentUser | null;
  /** True while the user loads, while a signed-out visitor is being redirected, and while an anonymous user is created. */
  isLoading: boolean;
  error: StackError | undefined;
  /** Ask again, e.g. from a "Try again" button after a network failure (retries a failed anonymous sign-up too). */
  reload(): void;
}

/** The swr resource of the signed-in user; flows that change the user revalidate it. */
export const USER = "users/me";

/** The signed-in user. Signed out, it makes no request at all; any number of callers share one request. */
export function useUser(options: UseUserOptions = {}): UseUserResult {
  const context = useStackContext();
  const { client, sessionKey } = context;
  const { data, error, isLoading, mutate } = useSWR(sessionScoped(context, USER), () => client.getUser());
  const user = visible(data, options.or);
  // Server render and hydration: shown signed out, but a guarded page waits (loading) for the browser's answer.
  const unknown = sessionKey === UNKNOWN_SESSION;
  const guarded = options.or === "redirect" || options.or === "throw" || options.or === "anonymous";
  const missing = !unknown && !isLoading && !error && !user;
  const [attempt, setAttempt] = useState(0);
  const anonymousError = useSignedOutOutcome(options.or, missing, attempt);
  return {
    reload: () => {
      if (anonymousError) setAttempt((n) => n + 1);
      else void mutate();
    },
    user,
    isLoading:
      isLoading ||
      (missing && (options.or === "redirect" || (options.or === "anonymous" && !anonymousError))) ||
      (unknown && guarded),
    error: error ?? anonymousError,
  };
}

/** The suspense form: suspends while the user loads; with `or: "redirect"` it suspends until the redirect. */
export function useSuspenseUser(options: { or: "redirect" | "throw" | "anonymous" }): CurrentUser;
export function useSuspenseUser(options?: UseUserOptions): CurrentUser | null;
export function useSuspenseUser(options: UseUserOptions = {}): CurrentUser | null {
  const context = useStackContext();
  const { client, sessionKey, navigate, urls } = context;
  const { data } = useSWR(sessionScoped(context, USER), () => client.getUser(), { suspense: true });
  const user = visible(data, options.or);
  const guarded = options.or === "redirect" || options.or === "throw" || options.or === "anonymous";
  // Server render and hydration: nobody is known to be signed out yet, so no redirect and no throw.
  if (!user && sessionKey === UNKNOWN_SESSION && guarded) throw never;
  if (!user && options.or === "redirect") {
    // Effects of a suspended render never run, so the navigation is queued from here.
    queueMicrotask(() => navigate(withReturnTo(urls.signIn, window.location), { replace: true }));
    throw never;
  }
  if (!user && options.or === "throw") throw notSignedIn();
  // Suspends until the anonymous session is stored; the new session key then loads its user. The core
  // shares one sign-up among concurrent callers.
  if (!user && options.or === "anonymous") throw anonymousSignUpForSuspense(client);
  return user;
}

const suspendedSignUps = new WeakMap<StackClient, { promise: Promise<unknown>; error?: StackError }>();

/** The anonymous sign-up to suspend on; once it has failed, its error (for the error boundary), never a retry loop. */
function anonymousSignUpForSuspense(client: StackClient): Promise<unknown> | StackError {
  const attempt = suspendedSignUps.get(client);
  if (attempt?.error) {
    suspendedSignUps.delete(client);
    return attempt.error;
  }
  if (attempt) return attempt.promise;
  const entry: { promise: Promise<unknown>; error?: StackError } = { promise: Promise.resolve() };
  entry.promise = signUpAnonymously(client).then(
    () => suspendedSignUps.delete(client),
    (e: unknown) => {
      entry.error = toStackError(e);
    },
  );
  suspendedSignUps.set(client, entry);
  return entry.promise;
}

/** Anonymous users are nobody unless the caller asked for them (CLIENT-API §12.4). */
function visible(user: CurrentUser | null | undefined, or: UserOr | undefined): CurrentUser | null {
  if (!user) return null;
  return user.isAnonymous && or !== "anonymous" ? null : user;
}

// A promise that never settles keeps a suspense boundary up until the navigation takes over.
const never = new Promise<never>(() => {});

/** Acts on a missing user as `or` says; returns the failure of an anonymous sign-up, if any. */
function useSignedOutOutcome(
  or: UserOr | undefined,
  missing: boolean,
  attempt: number,
): StackError | undefined {
  const { client, navigate, urls } = useStackContext();
  const [anonymousError, setAnonymousError] = useState<StackError>();
  const redirect = missing && or === "redirect";
  const anonymous = missing && or === "anonymous";
  useEffect(() => {
    if (redirect) navigate(withReturnTo(urls.signIn, window.location), { replace: true });
  }, [redirect, navigate, urls.signIn]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `attempt` (reload) tries again
  useEffect(() => {
    if (!anonymous) return;
    let live = true;
    setAnonymousError(undefined);
    // Single-flight in the core: every consumer (and StrictMode's second effect) shares one sign-up.
    signUpAnonymously(client).catch((e: unknown) => {
      if (live) setAnonymousError(toStackError(e));
    });
    return () => {
      live = false;
    };
  }, [anonymous, client, attempt]);
  if (missing && or === "throw") throw notSignedIn();
  return anonymous ? anonymousError : undefined;
}

function notSignedIn(): StackError {
  return new StackError("USER_NOT_SIGNED_IN", 401, "No user is signed in.");
}
