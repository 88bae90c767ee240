import { assertNoMfaRequired, assertTrustedCallback, createOrUpgradeAnonymousUser } from "../accounts.js";
import { sendVerificationEmail } from "../emails.js";
import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import type { ObjectSchema } from "../http/schema.js";
import { validateBody } from "../http/validate.js";
import { assertPasswordRules } from "../passwords.js";
import type { Route, RouteContext } from "../router.js";
import { startSession } from "../session-tokens.js";

export const BOT_CHALLENGE_FIELDS: ObjectSchema = {
  bot_challenge_token: { type: "string" },
  bot_challenge_phase: { type: "string" },
  bot_challenge_unavailable: { type: "string" },
};

interface SignUpBody {
  email: string;
  password: string;
  verification_callback_url?: string;
}

interface SignInBody {
  email: string;
  password: string;
}

export function assertPasswordAuthEnabled(ctx: RouteContext): void {
  if (!ctx.state.options.config.credentialEnabled) throw knownErrors.passwordAuthenticationNotEnabled();
}

/** `POST /auth/password/sign-up` and `/sign-in` (CLIENT-API §3). */
export const passwordRoutes: Route[] = [
  {
    method: "POST",
    path: "/auth/password/sign-up",
    auth: "required",
    async handler(ctx) {
      const body = validateBody<SignUpBody>(ctx, {
        email: { type: "string", required: true, nonEmpty: true, email: true },
        password: { type: "string", required: true },
        verification_callback_url: { type: "string", url: true },
        ...BOT_CHALLENGE_FIELDS,
      });
      const { store, options } = ctx.state;
      // Checks in the cloud's order (CLIENT-API §3).
      assertPasswordAuthEnabled(ctx);
      assertTrustedCallback(ctx, body.verification_callback_url);
      if (!options.config.signUpEnabled) throw knownErrors.signUpNotEnabled();
      assertPasswordRules(body.password);
      if (store.findAuthChannel(body.email)) throw knownErrors.userEmailAlreadyExists(body.email, false);

      // An anonymous caller is upgraded in place: same id, its anonymous sessions end (golden README item 7).
      const user = createOrUpgradeAnonymousUser(ctx.state, ctx.auth?.user, {
        password: body.password,
        email: { value: body.email, verified: false, usedForAuth: true },
      });
      const channel = store.primaryChannel(user.id);
      if (channel && body.verification_callback_url !== undefined) {
        sendVerificationEmail(ctx.state, channel, body.verification_callback_url);
      }
      return jsonResponse(200, await startSession(ctx, user));
    },
  },
  {
    method: "POST",
    path: "/auth/password/sign-in",
    auth: "required",
    async handler(ctx) {
      const body = validateBody<SignInBody>(ctx, {
        email: { type: "string", required: true, nonEmpty: true },
        password: { type: "string", required: true },
      });
      assertPasswordAuthEnabled(ctx);
      const user = ctx.state.store.findUserByEmail(body.email);
      if (!user || user.password === null || user.password !== body.password) {
        throw knownErrors.emailPasswordMismatch();
      }
      assertNoMfaRequired(ctx.state, user, false);
      return jsonResponse(200, await startSession(ctx, user));
    },
  },
];
