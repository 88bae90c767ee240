import { VERIFICATION_CODE_LIFETIME_MS } from "./constants.js";
import type { EmulatorState } from "./state.js";
import type { ContactChannelRecord } from "./store.js";

/** Code kinds stored in `store.codes`; each flow only accepts its own kind. */
export const CODE_KIND = {
  contactChannelVerification: "contact_channel_verification",
  mfaAttempt: "mfa_attempt",
} as const;

/** `<callback>?code=<code>`, keeping the callback's own query parameters. */
export function linkWithCode(callbackUrl: string, code: string): string {
  const url = new URL(callbackUrl);
  url.searchParams.set("code", code);
  return url.toString();
}

/** The verification mail the cloud sends after sign-up or on request (subject as recorded in case 39). */
export function sendVerificationEmail(
  state: EmulatorState,
  channel: ContactChannelRecord,
  callbackUrl: string,
): void {
  const now = state.clock.now();
  const { code } = state.store.createCode(
    now,
    CODE_KIND.contactChannelVerification,
    VERIFICATION_CODE_LIFETIME_MS,
    {
      channelId: channel.id,
      userId: channel.userId,
    },
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
