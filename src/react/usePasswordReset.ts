import { checkPasswordResetCode, resetPassword, sendPasswordResetEmail } from "../core/index.js";
import { useStackContext } from "./context.js";
import { useAuthRedirects } from "./navigation.js";
import { type ActionState, useActions } from "./useAction.js";

export interface UsePasswordResetResult extends ActionState {
  /**
   * Emails a reset link to `urls.passwordReset`. Resolves true for unknown addresses too (the server
   * never says whether an account exists), false with `error` set on failure.
   */
  sendEmail(input: { email: string }): Promise<boolean>;
  /** Whether the link's code is still good, without using it up. */
  checkCode(code: string): Promise<boolean>;
  /**
   * Sets the new password and ends every session of the user (they sign in again). The password rule
   * (8..70 characters) is checked here first: the server burns the code even when it refuses the password.
   */
  resetPassword(input: { code: string; password: string }): Promise<boolean>;
}

/** Forgotten passwords (CLIENT-API §3). */
export function usePasswordReset(): UsePasswordResetResult {
  const { client, urls } = useStackContext();
  const redirects = useAuthRedirects();
  const [run, state] = useActions();
  const done = (p: Promise<unknown>) => p.then((r) => r !== null);
  return {
    ...state,
    sendEmail: ({ email }) =>
      done(
        run("sendEmail", () =>
          sendPasswordResetEmail(client, {
            email,
            callbackUrl: redirects.callbackUrl(urls.passwordReset),
          }).then(() => true),
        ),
      ),
    checkCode: (code) => done(run("checkCode", () => checkPasswordResetCode(client, code).then(() => true))),
    resetPassword: (input) => done(run("resetPassword", () => resetPassword(client, input).then(() => true))),
  };
}
