// Forgotten password (CLIENT-API.md §3).
import type { StackClient } from "../client.js";
import { StackError } from "../errors.js";
import { post } from "./common.js";

/**
 * Mails a reset link (`<callbackUrl>?code=<45 chars>`). Resolves the same way for unknown addresses (the server
 * does not tell, on purpose). `callbackUrl` must be on the project's trusted domains.
 */
export function sendPasswordResetEmail(
  client: StackClient,
  { email, callbackUrl }: { email: string; callbackUrl: string },
): Promise<void> {
  return post(client, "/auth/password/send-reset-code", { email, callback_url: callbackUrl });
}

/** Throws the VERIFICATION_CODE_* error a reset would, without using the code up. */
export function checkPasswordResetCode(client: StackClient, code: string): Promise<void> {
  return post(client, "/auth/password/reset/check-code", { code });
}

/**
 * Sets a new password with the mailed code. The length rule (8..70) is checked here first and throws the
 * server's own PASSWORD_TOO_SHORT / PASSWORD_TOO_LONG errors without a request: the server marks the code used
 * before it checks the password, so a too-short password there would burn the link.
 *
 * The server ends all the user's sessions: if this tab is signed in as that user, the access token is dropped so
 * the next request finds out (the session ends then), and any other user's token is simply renewed.
 */
export async function resetPassword(
  client: StackClient,
  { code, password }: { code: string; password: string },
): Promise<void> {
  if (password.length < 8) {
    throw new StackError("PASSWORD_TOO_SHORT", 400, "Password too short. Minimum length is 8.", {
      min_length: 8,
    });
  }
  if (password.length > 70) {
    // camelCase, as the server sends it (§1.4)
    throw new StackError("PASSWORD_TOO_LONG", 400, "Password too long. Maximum length is 70.", {
      maxLength: 70,
    });
  }
  await post(client, "/auth/password/reset", { code, password });
  client.dropAccessToken();
}
