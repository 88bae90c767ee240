import { useSWRConfig } from "swr";
import { sendVerificationEmail, verifyEmail } from "../core/index.js";
import { useStackContext } from "./context.js";
import { useAuthRedirects } from "./navigation.js";
import { sessionScoped } from "./sessionKey.js";
import { type ActionState, useActions } from "./useAction.js";
import { USER } from "./useUser.js";

export interface UseEmailVerificationResult extends ActionState {
  /** Verifies the address of an email link's code (works signed out). True when verified. */
  verify(code: string): Promise<boolean>;
  /** Sends the signed-in user's primary address a new verification link to `urls.emailVerification`. */
  resend(): Promise<boolean>;
}

/** Email verification (CLIENT-API §7). */
export function useEmailVerification(): UseEmailVerificationResult {
  const context = useStackContext();
  const { client, urls } = context;
  const { mutate } = useSWRConfig();
  const redirects = useAuthRedirects();
  const [run, state] = useActions();
  // A signed-in user whose address was just verified must not keep seeing "unverified".
  const refreshUser = () => {
    const key = sessionScoped(context, USER);
    return key ? mutate(key) : undefined;
  };
  return {
    ...state,
    verify: (code) =>
      run("verify", () =>
        verifyEmail(client, code)
          .then(refreshUser)
          .then(() => true),
      ).then((r) => r === true),
    resend: () =>
      run("resend", () =>
        sendVerificationEmail(client, { callbackUrl: redirects.callbackUrl(urls.emailVerification) }).then(
          () => true,
        ),
      ).then((r) => r === true),
  };
}
