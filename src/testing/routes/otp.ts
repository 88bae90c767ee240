import { assertNoMfaRequired, assertTrustedCallback, createOrUpgradeAnonymousUser } from "../accounts.js";
import { CODE_FIELD, CODE_KIND, checkCode, redeemCode } from "../codes.js";
import { sendSignInCodeEmail } from "../emails.js";
import { StatusError } from "../http/errors.js";
import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import { validateBody } from "../http/validate.js";
import type { Route, RouteContext } from "../router.js";
import { startSession } from "../session-tokens.js";
import type { UserRecord } from "../store.js";
import { BOT_CHALLENGE_FIELDS } from "./password.js";

/**
 * The user an email code would sign in, checked like the cloud's `ensureUserForEmailAllowsOtp`: a
 * verified auth email gets OTP turned on; an unverified one is USER_EMAIL_ALREADY_EXISTS (409,
 * would work if verified); a new email needs sign-up enabled. `undefined` = a new user.
 */
function userForEmailAllowingOtp(ctx: RouteContext, email: string): UserRecord | undefined {
  const { store, options } = ctx.state;
  const channel = store.findAuthChannel(email);
  if (!channel) {
    if (!options.config.signUpEnabled) throw knownErrors.signUpNotEnabled();
    return undefined;
  }
  if (!channel.isVerified) throw knownErrors.userEmailAlreadyExists(channel.value, true);
  const user = store.users.get(channel.userId);
  if (user) user.otpAuthEnabled = true;
  return user;
}

/** Magic link / OTP sign-in (CLIENT-API §4; golden cases 22, 39; cases 23, 24). */
export const otpRoutes: Route[] = [
  {
    method: "POST",
    path: "/auth/otp/send-sign-in-code",
    auth: "required",
    handler(ctx) {
      const body = validateBody<{ email: string; callback_url: string }>(ctx, {
        email: { type: "string", required: true, nonEmpty: true, email: true },
        callback_url: { type: "string", required: true, url: true },
        ...BOT_CHALLENGE_FIELDS,
      });
      if (!ctx.state.options.config.magicLinkEnabled) {
        throw new StatusError(403, "OTP sign-in is not enabled for this project");
      }
      // The cloud checks the user before the callback URL.
      userForEmailAllowingOtp(ctx, body.email);
      assertTrustedCallback(ctx, body.callback_url);
      const nonce = sendSignInCodeEmail(ctx.state, body.email, body.callback_url);
      return jsonResponse(200, { nonce });
    },
  },
  {
    method: "POST",
    path: "/auth/otp/sign-in",
    auth: "required",
    async handler(ctx) {
      const body = validateBody<{ code: string }>(ctx, { code: CODE_FIELD });
      const record = redeemCode(ctx.state, CODE_KIND.otpSignIn, body.code);
      const email = String(record.data.email);
      let user = userForEmailAllowingOtp(ctx, email);
      const isNewUser = user === undefined;
      // A new user gets a verified auth email and OTP; an anonymous caller is upgraded in place.
      user ??= createOrUpgradeAnonymousUser(ctx.state, ctx.auth?.user, {
        otpAuthEnabled: true,
        email: { value: email, verified: true, usedForAuth: true },
      });
      assertNoMfaRequired(ctx.state, user, isNewUser);
      const tokens = await startSession(ctx, user);
      return jsonResponse(200, {
        refresh_token: tokens.refresh_token,
        access_token: tokens.access_token,
        is_new_user: isNewUser,
        user_id: user.id,
      });
    },
  },
  {
    method: "POST",
    path: "/auth/otp/sign-in/check-code",
    auth: "required",
    handler(ctx) {
      const body = validateBody<{ code: string }>(ctx, { code: CODE_FIELD });
      checkCode(ctx.state, CODE_KIND.otpSignIn, body.code);
      return jsonResponse(200, { is_code_valid: true });
    },
  },
];
