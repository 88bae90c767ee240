import { CODE_FIELD, CODE_KIND, redeemCode } from "../codes.js";
import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import { validateBody } from "../http/validate.js";
import type { Route } from "../router.js";
import { startSession } from "../session-tokens.js";
import { verifyTotp } from "../totp.js";

interface MfaSignInBody {
  type: "totp";
  totp: string;
  code: string;
}

/**
 * `POST /auth/mfa/sign-in` (CLIENT-API §8; cases 15, 16, golden 34): the attempt code of a sign-in that
 * answered MULTI_FACTOR_AUTHENTICATION_REQUIRED plus a TOTP of the user's secret, on the emulator's clock.
 * A wrong TOTP leaves the attempt code unused (it counts an attempt).
 */
export const mfaRoutes: Route[] = [
  {
    method: "POST",
    path: "/auth/mfa/sign-in",
    auth: "required",
    async handler(ctx) {
      const body = validateBody<MfaSignInBody>(ctx, {
        type: { type: "string", required: true, oneOf: ["totp"] },
        totp: { type: "string", required: true },
        code: CODE_FIELD,
      });
      const { store, clock } = ctx.state;
      const record = redeemCode(ctx.state, CODE_KIND.mfaAttempt, body.code, (found) => {
        const secret = store.users.get(String(found.data.userId))?.totpSecretBase64;
        if (!secret || !verifyTotp(secret, body.totp, clock.now())) throw knownErrors.invalidTotpCode();
      });
      const user = store.users.get(String(record.data.userId));
      if (!user) throw knownErrors.verificationCodeNotFound();
      const tokens = await startSession(ctx, user);
      return jsonResponse(200, {
        refresh_token: tokens.refresh_token,
        access_token: tokens.access_token,
        is_new_user: record.data.isNewUser === true,
        user_id: user.id,
      });
    },
  },
];
