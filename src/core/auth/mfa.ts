// Second factor (TOTP) after a sign-in that asked for it (CLIENT-API.md §8).
import type { StackClient } from "../client.js";
import { isStackError } from "../errors.js";
import { type SignedIn, signIn } from "./common.js";

/**
 * The attempt code of a MULTI_FACTOR_AUTHENTICATION_REQUIRED error (password, code, OAuth or passkey sign-in),
 * else null. It lives 5 minutes; keep it in memory (or sessionStorage) for the TOTP step.
 */
export const getMfaAttemptCode = (e: unknown): string | null =>
  isStackError(e, "MULTI_FACTOR_AUTHENTICATION_REQUIRED") && typeof e.details?.attempt_code === "string"
    ? e.details.attempt_code
    : null;

/** Finishes that sign-in with the 6-digit TOTP. INVALID_TOTP_CODE for a wrong one; VERIFICATION_CODE_* for the attempt. */
export function signInWithTotp(
  client: StackClient,
  { attemptCode, totp }: { attemptCode: string; totp: string },
): Promise<SignedIn> {
  return signIn(client, "/auth/mfa/sign-in", {
    type: "totp",
    totp: totp.replace(/\s/g, ""),
    code: attemptCode,
  });
}
