import { sendVerificationEmail, verifyEmail } from "../core/index.js";
import { useStackContext } from "./context.js";
import { useAuthRedirects } from "./navigation.js";
import { type ActionState, useActions } from "./useAction.js";

export interface UseEmailVerificationResult extends ActionState {
  /** Verifies the address of an email link's code (works signed out). True when verified. */
  verify(code: string): Promise<boolean>;
  /** Sends the signed-in user's primary address a new verification link to `urls.emailVerification`. */
  resend(): Promise<boolean>;
}

/** Email verification (CLIENT-API §7). */
export function useEmailVerification(): UseEmailVerificationResult {
  const { client, urls } = useStackContext();
  const redirects = useAuthRedirects();
  const [run, state] = useActions();
  return {
    ...state,
    verify: (code) => run("verify", () => verifyEmail(client, code).then(() => true)).then((r) => r === true),
    resend: () =>
      run("resend", () =>
        sendVerificationEmail(client, { callbackUrl: redirects.callbackUrl(urls.emailVerification) }).then(
          () => true,
        ),
      ).then((r) => r === true),
  };
}
