import { assertTrustedCallback } from "../accounts.js";
import { CODE_FIELD, CODE_KIND, checkCode, redeemCode } from "../codes.js";
import { sendPasswordResetEmail } from "../emails.js";
import { jsonResponse } from "../http/responses.js";
import { validateBody } from "../http/validate.js";
import { assertPasswordRules } from "../passwords.js";
import type { Route } from "../router.js";
import { assertPasswordAuthEnabled } from "./password.js";

/** Always the same answer, whether the email belongs to a user or not (anti-enumeration, case 25). */
const MAYBE_SENT = { success: "maybe, only if user with e-mail exists" };

/** Password reset by email code (CLIENT-API §3; golden cases 25, 26). */
export const passwordResetRoutes: Route[] = [
  {
    method: "POST",
    path: "/auth/password/send-reset-code",
    auth: "required",
    handler(ctx) {
      const body = validateBody<{ email: string; callback_url: string }>(ctx, {
        email: { type: "string", required: true, email: true },
        callback_url: { type: "string", required: true, url: true },
      });
      assertPasswordAuthEnabled(ctx);
      // The cloud waits 2–3 s for unknown emails (not reliably, golden README item 3); the emulator doesn't.
      const channel = ctx.state.store.findAuthChannel(body.email);
      const user = channel && ctx.state.store.users.get(channel.userId);
      if (!channel || !user) return jsonResponse(200, MAYBE_SENT);
      // Only checked for existing users, like the cloud (case 25).
      assertTrustedCallback(ctx, body.callback_url);
      sendPasswordResetEmail(ctx.state, user, channel.value, body.callback_url);
      return jsonResponse(200, MAYBE_SENT);
    },
  },
  {
    method: "POST",
    path: "/auth/password/reset/check-code",
    auth: "required",
    handler(ctx) {
      const body = validateBody<{ code: string }>(ctx, { code: CODE_FIELD });
      checkCode(ctx.state, CODE_KIND.passwordReset, body.code);
      return jsonResponse(200, { is_code_valid: true });
    },
  },
  {
    method: "POST",
    path: "/auth/password/reset",
    auth: "required",
    handler(ctx) {
      const body = validateBody<{ code: string; password: string }>(ctx, {
        code: CODE_FIELD,
        password: { type: "string", required: true },
      });
      // The code is used up before the password rule runs (golden case 26).
      const record = redeemCode(ctx.state, CODE_KIND.passwordReset, body.code);
      assertPasswordAuthEnabled(ctx);
      assertPasswordRules(body.password);
      const { store } = ctx.state;
      const user = store.users.get(String(record.data.userId));
      if (user) {
        user.password = body.password;
        // A reset ends every session of the user (CLIENT-API §2.2).
        store.deleteSessionsOfUser(user.id);
      }
      return jsonResponse(200, { success: true });
    },
  },
];
