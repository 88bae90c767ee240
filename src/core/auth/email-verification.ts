// Email verification (CLIENT-API.md §7).
import type { StackClient } from "../client.js";
import { StackError } from "../errors.js";
import { post } from "./common.js";

/**
 * Verifies the address the mailed code (`?code=` of the link) was sent to; works signed out too. The access
 * token's `email_verified` / restriction claims are stale afterwards, so it is dropped.
 */
export async function verifyEmail(client: StackClient, code: string): Promise<void> {
  await post(client, "/contact-channels/verify", { code });
  client.dropAccessToken();
}

/** Throws the VERIFICATION_CODE_* error verifying would, without using the code up. */
export function checkEmailVerificationCode(client: StackClient, code: string): Promise<void> {
  return post(client, "/contact-channels/verify/check-code", { code });
}

/**
 * Mails a new verification link (`<callbackUrl>?code=…`) to the signed-in user's primary email: its contact
 * channel comes from `GET /contact-channels?user_id=me`. Throws EMAIL_ALREADY_VERIFIED (409) from the server, or
 * the local NO_PRIMARY_EMAIL (status 0) when the user has no primary email.
 */
export async function sendVerificationEmail(
  client: StackClient,
  { callbackUrl }: { callbackUrl: string },
): Promise<void> {
  const { items } = await client.request<{ items: { id: string; type: string; is_primary: boolean }[] }>(
    "/contact-channels?user_id=me",
  );
  const primary = items.find((c) => c.type === "email" && c.is_primary);
  if (!primary) throw new StackError("NO_PRIMARY_EMAIL", 0, "This account has no email address to verify.");
  await client.request(`/contact-channels/me/${encodeURIComponent(primary.id)}/send-verification-code`, {
    method: "POST",
    body: { callback_url: callbackUrl },
  });
}
