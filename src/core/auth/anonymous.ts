// Anonymous users (CLIENT-API.md §11): only when the app asks, never on its own.
import type { StackClient } from "../client.js";
import type { SignInAnswer } from "./common.js";

// One sign-up in flight per client: two components asking at once must not create two users (§12.3).
const pending = new WeakMap<StackClient, Promise<{ userId: string }>>();

/**
 * Creates an anonymous user and signs in as them (allowed even with sign-up disabled). Upgrading later (password
 * sign-up, code sign-in, OAuth) keeps the same user id.
 */
export function signUpAnonymously(client: StackClient): Promise<{ userId: string }> {
  let flight = pending.get(client);
  if (!flight) {
    flight = client
      .request<SignInAnswer>("/auth/anonymous/sign-up", { method: "POST", auth: false })
      .then((answer) => {
        client.startSession(answer);
        return { userId: answer.user_id };
      })
      .finally(() => pending.delete(client));
    pending.set(client, flight);
  }
  return flight;
}
