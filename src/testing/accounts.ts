import { CODE_KIND } from "./codes.js";
import { MFA_ATTEMPT_CODE_LIFETIME_MS } from "./constants.js";
import { knownErrors } from "./http/known-errors.js";
import type { RouteContext } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { UserRecord } from "./store.js";
import { isTrustedUrl } from "./trusted-urls.js";

// Rules shared by every way of signing up or in (password, OTP, OAuth, passkey).

export interface AccountInit {
  password?: string | null;
  otpAuthEnabled?: boolean;
  /** The primary email channel of the new account. */
  email?: { value: string; verified: boolean; usedForAuth: boolean };
  oauthAccount?: { providerId: string; accountId: string; email: string | null };
}

/**
 * A new user, or, when the caller is an anonymous user, that user upgraded in place: same id, no longer
 * anonymous, and its anonymous sessions end (golden README item 7). A signed-in non-anonymous caller
 * does not matter: a new user is created, like the cloud's `createOrUpgradeAnonymousUser`.
 */
export function createOrUpgradeAnonymousUser(
  state: EmulatorState,
  current: UserRecord | null | undefined,
  init: AccountInit,
): UserRecord {
  const { store, clock } = state;
  const now = clock.now();
  let user: UserRecord;
  if (current?.isAnonymous) {
    user = current;
    user.isAnonymous = false;
    store.deleteSessionsOfUser(user.id);
    if (init.password !== undefined) user.password = init.password;
    if (init.otpAuthEnabled !== undefined) user.otpAuthEnabled = init.otpAuthEnabled;
  } else {
    user = store.createUser(now, {
      password: init.password ?? null,
      otpAuthEnabled: init.otpAuthEnabled ?? false,
    });
  }
  if (init.email) {
    store.addChannel(now, {
      userId: user.id,
      type: "email",
      value: init.email.value,
      isPrimary: true,
      isVerified: init.email.verified,
      usedForAuth: init.email.usedForAuth,
    });
  }
  if (init.oauthAccount) user.oauthAccounts.push({ ...init.oauthAccount });
  return user;
}

/** Users with TOTP get an MFA attempt code (45 chars, 5 min) instead of tokens (CLIENT-API §8). */
export function assertNoMfaRequired(state: EmulatorState, user: UserRecord, isNewUser: boolean): void {
  if (user.totpSecretBase64 === null) return;
  const { code } = state.store.createCode(
    state.clock.now(),
    CODE_KIND.mfaAttempt,
    MFA_ATTEMPT_CODE_LIFETIME_MS,
    { userId: user.id, isNewUser },
  );
  throw knownErrors.multiFactorAuthenticationRequired(code);
}

/** Callback URLs must be on a trusted domain (or localhost): REDIRECT_URL_NOT_WHITELISTED otherwise. */
export function assertTrustedCallback(ctx: RouteContext, url: string | undefined): void {
  if (url !== undefined && !isTrustedUrl(url, ctx.state.options.trustedDomains)) {
    throw knownErrors.redirectUrlNotWhitelisted();
  }
}
