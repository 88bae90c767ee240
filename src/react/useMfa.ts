import { signInWithTotp } from "../core/index.js";
import { useStackClient } from "./context.js";
import { type ActionState, useAction } from "./useAction.js";
import type { SignInResult } from "./useMagicLink.js";

export interface UseMfaResult extends ActionState {
  /**
   * Finishes a sign-in that answered MULTI_FACTOR_AUTHENTICATION_REQUIRED: `attemptCode` is that error's
   * `details.attempt_code`, `totp` the 6 digits of the user's authenticator app.
   */
  signIn(input: { attemptCode: string; totp: string }): Promise<SignInResult | null>;
}

/** The second factor (TOTP) of a sign-in (CLIENT-API §8). */
export function useMfa(): UseMfaResult {
  const client = useStackClient();
  const [signIn, state] = useAction((input: { attemptCode: string; totp: string }) =>
    signInWithTotp(client, input),
  );
  return { signIn, ...state };
}
