import type { StackClient } from "../client.js";
import { isStackError } from "../errors.js";
import { signIn } from "./common.js";

export interface PasswordSignUp {
  email: string;
  password: string;
  /** Where the verification e-mail links to; must be on the project's trusted domains. */
  verificationCallbackUrl?: string;
  /**
   * Set when the kit built the callback URL itself (not the app): if the server refuses it as untrusted, sign up
   * again without one instead of failing, as the official SDK does. An app-chosen URL keeps failing loudly.
   */
  dropCallbackIfUntrusted?: boolean;
}

/**
 * `POST /auth/password/sign-up` (§3). Goes out with whatever tokens the session holds: an anonymous user is
 * upgraded in place by the server.
 */
export async function signUpWithPassword(
  client: StackClient,
  input: PasswordSignUp,
): Promise<{ userId: string }> {
  const { email, password, verificationCallbackUrl: url } = input;
  const signUp = (verification_callback_url?: string) =>
    signIn(client, "/auth/password/sign-up", { email, password, verification_callback_url }).then(
      ({ userId }) => ({
        userId,
      }),
    );
  try {
    return await signUp(url);
  } catch (e) {
    if (!(url && input.dropCallbackIfUntrusted && isStackError(e, "REDIRECT_URL_NOT_WHITELISTED"))) throw e;
    return signUp();
  }
}

/** `POST /auth/password/sign-in` (§3). MFA users get MULTI_FACTOR_AUTHENTICATION_REQUIRED with details.attempt_code. */
export const signInWithPassword = (
  client: StackClient,
  { email, password }: { email: string; password: string },
) => signIn(client, "/auth/password/sign-in", { email, password });
