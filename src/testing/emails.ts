import { CODE_KIND } from "./codes.js";
import { VERIFICATION_CODE_LIFETIME_MS } from "./constants.js";
import type { EmulatorState } from "./state.js";
import type { ContactChannelRecord } from "./store.js";

// The mails the cloud sends, with the subjects of the golden recordings. Each carries a link
// `<callback>?code=<45 chars>`; the mailbox entry also has the code (and the OTP of sign-in mails).

/** `<callback>?code=<code>`, keeping the callback's own query parameters. */
export function linkWithCode(callbackUrl: string, code: string): string {
  const url = new URL(callbackUrl);
  url.searchParams.set("code", code);
  return url.toString();
}

/** The verification mail sent after sign-up or on request (subject as recorded in case 39). */
export function sendVerificationEmail(
  state: EmulatorState,
  channel: ContactChannelRecord,
  callbackUrl: string,
): void {
  const { code } = state.store.createCode(
    state.clock.now(),
    CODE_KIND.contactChannelVerification,
    VERIFICATION_CODE_LIFETIME_MS,
    { channelId: channel.id, userId: channel.userId, email: channel.value },
  );
  const link = linkWithCode(callbackUrl, code);
  const subject = `Verify your email at ${state.options.displayName}`;
  state.mailbox.send({
    to: channel.value,
    subject,
    text: `${subject}\n\nPlease verify your email address by opening this link:\n${link}\n`,
    link,
    code,
  });
}

/**
 * The magic-link mail (case 22): one 45-char code; the link carries all of it, the mail shows its first
 * 6 characters upper-cased as the OTP, and the API answers the last 39 as the nonce.
 */
export function sendSignInCodeEmail(state: EmulatorState, email: string, callbackUrl: string): string {
  const { code } = state.store.createCode(
    state.clock.now(),
    CODE_KIND.otpSignIn,
    VERIFICATION_CODE_LIFETIME_MS,
    {
      email,
    },
  );
  const otp = code.slice(0, 6).toUpperCase();
  const link = linkWithCode(callbackUrl, code);
  const subject = `Sign in to ${state.options.displayName}: Your code is ${otp}`;
  state.mailbox.send({
    to: email,
    subject,
    text: `${subject}\n\nEnter this code: ${otp}\n\nOr sign in by opening this link:\n${link}\n`,
    link,
    code,
    otp,
  });
  return code.slice(6);
}

/** The password reset mail (cases 25, 26). */
export function sendPasswordResetEmail(
  state: EmulatorState,
  user: { id: string },
  email: string,
  callbackUrl: string,
): void {
  const { code } = state.store.createCode(
    state.clock.now(),
    CODE_KIND.passwordReset,
    VERIFICATION_CODE_LIFETIME_MS,
    { userId: user.id, email },
  );
  const link = linkWithCode(callbackUrl, code);
  const subject = `Reset your password at ${state.options.displayName}`;
  state.mailbox.send({
    to: email,
    subject,
    text: `${subject}\n\nChoose a new password by opening this link:\n${link}\n`,
    link,
    code,
  });
}
