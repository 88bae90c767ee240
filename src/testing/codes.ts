import { knownErrors } from "./http/known-errors.js";
import type { FieldRule } from "./http/schema.js";
import type { EmulatorState } from "./state.js";
import type { CodeRecord } from "./store.js";

// One-time codes work like the cloud's verification-code handler
// (apps/backend/src/route-handlers/verification-code-handler.tsx): 45 lowercase base32 characters,
// input lower-cased, each flow only finds its own kind, and every request counts an attempt against
// all codes sharing the last 39 characters (the OTP nonce), so wrong OTP guesses use up the code.

/** Code kinds stored in `store.codes`; each flow only accepts its own kind. */
export const CODE_KIND = {
  contactChannelVerification: "contact_channel_verification",
  mfaAttempt: "mfa_attempt",
  otpSignIn: "otp_sign_in",
  passwordReset: "password_reset",
  passkeyRegistration: "passkey_registration_challenge",
  passkeyAuthentication: "passkey_authentication_challenge",
} as const;

export type CodeKind = (typeof CODE_KIND)[keyof typeof CODE_KIND];

/** Attempts a code allows (near-miss OTP guesses included) before MAX_ATTEMPTS_REACHED (CLIENT-API §3). */
export const MAX_ATTEMPTS_PER_CODE = 20;

/** Schema of the `code` body field of every code route. */
export const CODE_FIELD: FieldRule = { type: "string", required: true, length: 45 };

/**
 * Finds a code of `kind` and checks it in the cloud's order: not found, expired, already used, too many
 * attempts. Does not consume it (see `redeemCode`).
 */
export function checkCode(state: EmulatorState, kind: CodeKind, rawCode: string): CodeRecord {
  const code = rawCode.toLowerCase();
  const { codes } = state.store;
  const stored = codes.get(code);
  const record = stored?.kind === kind ? stored : undefined;
  // The cloud reads the code before it counts this attempt.
  const attemptsBefore = record?.attempts ?? 0;
  const nonce = code.slice(6);
  for (const other of codes.values()) if (other.code.endsWith(nonce)) other.attempts++;

  if (!record) throw knownErrors.verificationCodeNotFound();
  if (record.expiresAtMillis < state.clock.now()) throw knownErrors.verificationCodeExpired();
  if (record.usedAtMillis !== null) throw knownErrors.verificationCodeAlreadyUsed();
  if (attemptsBefore >= MAX_ATTEMPTS_PER_CODE) throw knownErrors.verificationCodeMaxAttemptsReached();
  return record;
}

/**
 * `checkCode`, then `validate` (e.g. the TOTP check, which leaves the code unused when it fails), then
 * marks the code used before the flow's own work runs (so a too-short new password still burns a
 * reset code, golden case 26).
 */
export function redeemCode(
  state: EmulatorState,
  kind: CodeKind,
  rawCode: string,
  validate?: (record: CodeRecord) => void,
): CodeRecord {
  const record = checkCode(state, kind, rawCode);
  validate?.(record);
  record.usedAtMillis = state.clock.now();
  return record;
}
