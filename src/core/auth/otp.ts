// Magic link / one-time code sign-in (CLIENT-API.md §4).
import type { StackClient } from "../client.js";
import { post, type SignedIn, signIn } from "./common.js";

/**
 * Mails a sign-in link (`<callbackUrl>?code=<45 chars>`) and a 6-character code. Keep the `nonce`: the code the
 * user types only works together with it. `callbackUrl` must be on the project's trusted domains.
 */
export function sendSignInCode(
  client: StackClient,
  { email, callbackUrl }: { email: string; callbackUrl: string },
): Promise<{ nonce: string }> {
  return client.request("/auth/otp/send-sign-in-code", {
    method: "POST",
    body: { email, callback_url: callbackUrl },
    auth: false,
  });
}

/** The server wants the link code as is, or the typed OTP followed by the nonce (no separator, any case). */
const wireCode = (code: string, nonce?: string) => (nonce ? code.replace(/[\s-]/g, "") + nonce : code);

/**
 * Signs in with the link's 45-character code, or with the 6-character code the user typed plus the `nonce` of
 * `sendSignInCode`. An anonymous session is upgraded. Wrong codes throw VERIFICATION_CODE_NOT_FOUND (404);
 * also VERIFICATION_CODE_EXPIRED / _ALREADY_USED / _MAX_ATTEMPTS_REACHED, MULTI_FACTOR_AUTHENTICATION_REQUIRED.
 */
export function signInWithCode(client: StackClient, code: string, nonce?: string): Promise<SignedIn> {
  return signIn(client, "/auth/otp/sign-in", { code: wireCode(code, nonce) });
}

/** Throws the VERIFICATION_CODE_* error a sign-in would, without using the code up (for "click to sign in" pages). */
export function checkSignInCode(client: StackClient, code: string, nonce?: string): Promise<void> {
  return post(client, "/auth/otp/sign-in/check-code", { code: wireCode(code, nonce) });
}
