import { useState } from "react";
import { checkSignInCode, sendSignInCode, signInWithCode } from "../core/index.js";
import { useStackContext } from "./context.js";
import { useAuthRedirects } from "./navigation.js";
import { type ActionState, useActions } from "./useAction.js";

/** A finished sign-in: who, and whether the account was just created (then afterSignUp applies). */
export interface SignInResult {
  userId: string;
  isNewUser: boolean;
}

export interface UseMagicLinkResult extends ActionState {
  /**
   * Emails a one-time code and a link to `urls.magicLinkCallback` (a new address gets an account).
   * Resolves to `{ nonce }`, or `null` with `error` set.
   */
  sendCode(input: { email: string }): Promise<{ nonce: string } | null>;
  /**
   * Signs in with the 6-character code of the last email sent from here (the nonce is added), or with
   * the full code of an email link. MFA users get MULTI_FACTOR_AUTHENTICATION_REQUIRED.
   */
  signInWithCode(code: string): Promise<SignInResult | null>;
  /** Whether a link's code is still good, without using it up (mail scanners open links too). */
  checkCode(code: string): Promise<boolean>;
  /** The address and nonce of the last code sent, once sent. */
  email: string | undefined;
  nonce: string | undefined;
}

const OTP_LENGTH = 6;

/** Magic link / one-time code sign-in (CLIENT-API §4). */
export function useMagicLink(): UseMagicLinkResult {
  const { client, urls } = useStackContext();
  const redirects = useAuthRedirects();
  const [run, state] = useActions();
  const [sent, setSent] = useState<{ email: string; nonce: string }>();

  return {
    ...state,
    email: sent?.email,
    nonce: sent?.nonce,
    sendCode: ({ email }) =>
      run("sendCode", async () => {
        const answer = await sendSignInCode(client, {
          email,
          callbackUrl: redirects.callbackUrl(urls.magicLinkCallback),
        });
        setSent({ email, nonce: answer.nonce });
        return answer;
      }),
    signInWithCode: (code) =>
      run("signInWithCode", () => {
        const typed = code.replace(/[\s-]/g, "");
        // A typed code only works with the nonce of its email; a link's code stands alone.
        return signInWithCode(client, typed, typed.length === OTP_LENGTH ? sent?.nonce : undefined);
      }),
    checkCode: (code) =>
      run("checkCode", () => checkSignInCode(client, code.trim()).then(() => true)).then((ok) => ok === true),
  };
}
