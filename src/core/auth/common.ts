// Shared by the flows in this folder; each flow imports only what it uses.
import type { StackClient } from "../client.js";

/** What every sign-in endpoint answers (§3, §4, §8, §11). */
export interface SignInAnswer {
  access_token: string;
  refresh_token: string;
  user_id: string;
  is_new_user?: boolean;
}

export interface SignedIn {
  userId: string;
  /** The account was created by this sign-in: apps usually send new users to `afterSignUp`. */
  isNewUser: boolean;
}

/**
 * POSTs to a sign-in endpoint and starts the session it answers with. It goes out with the current tokens: an
 * anonymous session is upgraded in place by the server (§11). An MFA user gets MULTI_FACTOR_AUTHENTICATION_REQUIRED
 * with `details.attempt_code` instead (§8): see `signInWithTotp`.
 */
export async function signIn(client: StackClient, path: string, body: unknown): Promise<SignedIn> {
  const answer = await client.request<SignInAnswer>(path, { method: "POST", body });
  client.startSession(answer);
  return { userId: answer.user_id, isNewUser: !!answer.is_new_user };
}

/** POSTs `body` without session tokens (the route needs no user) and ignores the `{success}` answer. */
export async function post(client: StackClient, path: string, body: unknown): Promise<void> {
  await client.request(path, { method: "POST", body, auth: false });
}
